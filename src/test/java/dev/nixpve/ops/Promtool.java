package dev.nixpve.ops;

import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus' promtool; skips the calling test without it (fails under NIXPVE_REQUIRE_TOOLS=1). */
final class Promtool {

    /** The rule unit tests evaluate weeks of samples minute by minute: seconds, not minutes. */
    private static final long TIMEOUT_SECONDS = 120;

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** {@code promtool args...} run in the project directory; its stdout and stderr together. */
    static Result run(String... args) throws IOException, InterruptedException {
        Path promtool = ExternalTools.require("promtool", "prometheus");
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("nixpve-promtool", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS
                        + " s:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
