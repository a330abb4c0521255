package dev.nixpve.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A baseline tool (sha256sum, curl) run as its own process and timed from start to exit. */
final class Commands {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private Commands() {
    }

    /** Runs {@code command} in {@code directory}; its wall time, or a failure naming its exit and output. */
    static Duration timed(Path directory, List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(directory, "command-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(command.get(0) + " did not finish within " + TIMEOUT.toMinutes()
                        + " minutes");
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " exited with " + process.exitValue() + ": "
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
            return wall;
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
