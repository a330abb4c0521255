package dev.nixpve.journal;

import dev.nixpve.journal.JournalLine.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal of the run in this process: its id, its lock and its file. Opening it takes the
 * run's lock and writes the first line; every later line is on the disk before the method returns.
 */
public final class RunJournal implements AutoCloseable {

    private final RunId run;
    private final Clock clock;
    private final JournalFile file;
    private final RunLock lock;
    private final List<JournalLine> written = new ArrayList<>();

    private RunJournal(RunId run, Clock clock, JournalFile file, RunLock lock) {
        this.run = run;
        this.clock = clock;
        this.file = file;
        this.lock = lock;
    }

    /** Starts run {@code run} in {@code state}: takes its lock, writes {@link Kind#RUN_STARTED}. */
    public static RunJournal start(StateDirectory state, RunId run, Clock clock, String what) throws IOException {
        RunLock.Holder holder = RunLock.Holder.thisProcess(clock.instant(), run);
        RunLock lock = RunLock.tryAcquire(state.runLock(run), holder)
                .orElseThrow(() -> new IOException("run " + run + " is already running"));
        RunJournal journal = new RunJournal(run, clock, JournalFile.append(state.journal(run)), lock);
        journal.write(Kind.RUN_STARTED, null, what + "; " + holder.describe());
        return journal;
    }

    public RunId run() {
        return run;
    }

    /** About to create {@code resource}; written before the call that creates it. */
    public void intent(Resource resource, String detail) {
        write(Kind.INTENT, resource, detail);
    }

    public void outcome(Kind kind, Resource resource, String detail) {
        if (kind == Kind.RUN_STARTED || kind == Kind.RUN_ENDED || kind == Kind.INTENT) {
            throw new IllegalArgumentException(kind + " is not an outcome");
        }
        write(kind, resource, detail);
    }

    /** The run is over, whatever its outcome: recovery will leave this journal alone. */
    public void end(String outcome) {
        write(Kind.RUN_ENDED, null, outcome);
    }

    public List<JournalLine> lines() {
        return List.copyOf(written);
    }

    @Override
    public void close() throws IOException {
        try {
            file.close();
        } finally {
            lock.close();
        }
    }

    private synchronized void write(Kind kind, Resource resource, String detail) {
        JournalLine line = new JournalLine(run, clock.instant(), kind, resource, detail);
        try {
            file.write(line);
        } catch (IOException e) {
            // A run that cannot record what it creates must not create it.
            throw new UncheckedIOException("cannot write the run journal " + file.path() + ": " + e.getMessage(), e);
        }
        written.add(line);
    }
}
