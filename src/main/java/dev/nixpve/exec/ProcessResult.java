package dev.nixpve.exec;

import java.time.Duration;
import java.util.List;

/**
 * How a process ended: its exit code (after a timeout, whatever the kill left), whether it was
 * stopped for running longer than its timeout, how long it ran and its last output lines, stdout
 * and stderr interleaved as they arrived.
 */
public record ProcessResult(int exitCode, boolean timedOut, Duration elapsed, List<String> tail) {

    public ProcessResult {
        tail = List.copyOf(tail);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
