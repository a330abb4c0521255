package dev.nixpve.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a process and everything it started: SIGTERM to all at once, then SIGKILL to whatever is
 * left once the process itself has ended or the grace period is over. Only the process itself is
 * waited for: Java can wait precisely only for its own children (it polls others every 300 ms and
 * more), and the descendants got their SIGTERM at the same moment.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** Returns with the thread's interrupt status as it was, even if interrupted while waiting. */
    static void stop(Process process, Duration grace) {
        // Collect the descendants first: once the parent dies they are re-parented and no longer found.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        boolean interrupted = Thread.interrupted();
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        tree.addAll(process.descendants().toList());
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
