package dev.nixpve.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A baseline tool (sha256sum, curl) or a measured program run as its own process and timed from start to exit. */
final class Commands {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Commands() {
    }

    /**
     * A finished command: its wall time, what it printed, its peak resident memory in KiB (0 if unread),
     * and the CPU time it used, user and system, all threads (its last reading, at most one poll before
     * its exit; 0 if unread).
     */
    record Finished(Duration wall, String output, long peakRssKib, Duration cpu) {
    }

    /** Runs {@code command} in {@code directory}; its wall time, or a failure naming its exit and output. */
    static Duration timed(Path directory, List<String> command) throws IOException, InterruptedException {
        return run(directory, command).wall();
    }

    /**
     * Runs {@code command} in {@code directory}, reading its peak RSS (VmHWM) from /proc while it runs;
     * fails naming its exit and output.
     */
    static Finished run(Path directory, List<String> command) throws IOException, InterruptedException {
        return run(directory, command, java.util.Map.of());
    }

    /** As {@link #run(Path, List)}, with {@code environment} in place of this process's PROXMOX_VE_* variables. */
    static Finished run(Path directory, List<String> command, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(directory, "command-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("PROXMOX_VE_"));
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            long deadline = started + TIMEOUT.toNanos();
            Process process = builder.start();
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
            long peak = 0;
            Duration cpu = Duration.ZERO;
            while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, Memory.highWaterMarkKib(status));
                cpu = Memory.cpuTime(stat).orElse(cpu);
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(command.get(0) + " did not finish within " + TIMEOUT.toMinutes()
                            + " minutes");
                }
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " exited with " + process.exitValue() + ": "
                        + printed.strip());
            }
            return new Finished(wall, printed, peak, cpu);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** What {@code command} printed, for a baseline whose answer the row checks once. */
    static String output(Path directory, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(directory, "command-", ".out");
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(command.get(0) + " failed: "
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
