package dev.nixpve.pipeline;

import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunJournal;
import dev.nixpve.journal.RunLock;
import dev.nixpve.journal.StateDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run holds for its life: the lock of its image on each of its nodes (one such run at a
 * time per node; the kernel drops them however the process dies) and its own journal, started in
 * that order and closed in the reverse.
 */
record RunStart(List<RunLock> imageLocks, RunJournal journal) implements AutoCloseable {

    RunStart {
        imageLocks = List.copyOf(imageLocks);
    }

    /** Takes the image's lock on one node, then starts a journal for a new run. */
    static RunStart open(StateDirectory state, RunId run, String image, String node, Clock clock, String what)
            throws IOException, RunLockedException {
        return open(state, run, image, List.of(node), clock, what);
    }

    /**
     * Takes the image's lock on every node, in name order (two runs over overlapping nodes cannot
     * each hold a part and wait for the rest), then starts a journal for a new run.
     *
     * @throws RunLockedException when another live run holds one of the locks: none is kept
     */
    static RunStart open(StateDirectory state, RunId run, String image, List<String> nodes, Clock clock,
                         String what) throws IOException, RunLockedException {
        RunLock.Holder holder = RunLock.Holder.thisProcess(clock.instant(), run);
        List<RunLock> held = new ArrayList<>();
        try {
            for (String node : nodes.stream().sorted().distinct().toList()) {
                Path lockFile = state.imageLock(image, node);
                RunLock lock = RunLock.tryAcquire(lockFile, holder).orElse(null);
                if (lock == null) {
                    throw new RunLockedException(image, node, RunLock.holder(lockFile));
                }
                held.add(lock);
            }
            return new RunStart(held, RunJournal.start(state, run, clock, what));
        } catch (IOException | RunLockedException | RuntimeException e) {
            release(held);
            throw e;
        }
    }

    /** Who holds the locks: this process, for this run. */
    RunLock.Holder holder() {
        return imageLocks.get(0).holder();
    }

    @Override
    public void close() throws IOException {
        try {
            journal.close();
        } finally {
            release(imageLocks);
        }
    }

    private static void release(List<RunLock> locks) throws IOException {
        IOException first = null;
        for (RunLock lock : locks) {
            try {
                lock.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
