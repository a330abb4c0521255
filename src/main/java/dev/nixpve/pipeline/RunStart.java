package dev.nixpve.pipeline;

import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunJournal;
import dev.nixpve.journal.RunLock;
import dev.nixpve.journal.StateDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What a run holds for its life: the lock of its image on its node (one such run at a time; the
 * kernel drops it however the process dies) and its own journal, started in that order and
 * closed in the reverse.
 */
record RunStart(RunLock imageLock, RunJournal journal) implements AutoCloseable {

    /**
     * Takes the image's lock, then starts a journal for a new run.
     *
     * @throws RunLockedException when another live run holds the lock
     */
    static RunStart open(StateDirectory state, RunId run, String image, String node, Clock clock, String what)
            throws IOException, RunLockedException {
        Path lockFile = state.imageLock(image, node);
        RunLock lock = RunLock.tryAcquire(lockFile, RunLock.Holder.thisProcess(clock.instant(), run)).orElse(null);
        if (lock == null) {
            throw new RunLockedException(image, node, RunLock.holder(lockFile));
        }
        try {
            return new RunStart(lock, RunJournal.start(state, run, clock, what));
        } catch (IOException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            journal.close();
        } finally {
            imageLock.close();
        }
    }
}
