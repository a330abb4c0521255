package dev.nixpve.nix.templates;

import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs nix-instantiate without a Nix daemon, build users or a writable store: pure parsing and
 * evaluation only, in a given working directory, with HOME pointing at a scratch directory.
 */
final class NixInstantiate {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private final Path executable;
    private final Path home;

    private NixInstantiate(Path executable, Path home) {
        this.executable = executable;
        this.home = home;
    }

    /** Skips (or fails under NIXPVE_REQUIRE_TOOLS=1) when nix-instantiate is missing. */
    static NixInstantiate require(Path scratch) throws IOException {
        Path home = Files.createDirectories(scratch.resolve("home"));
        return new NixInstantiate(ExternalTools.require("nix-instantiate", "nix-bin"), home);
    }

    Result parse(Path file) throws IOException, InterruptedException {
        return run(file.getParent(), "--parse", file.toString());
    }

    /** Evaluates {@code expression} strictly in {@code dir} and prints it as JSON. */
    Result evalJson(Path dir, String expression) throws IOException, InterruptedException {
        return run(dir, "--eval", "--strict", "--json", "-E", expression);
    }

    private Result run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--readonly-mode"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("NIX_CONFIG", "build-users-group =");
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("NIX_PATH");
        Path out = Files.createTempFile(home, "stdout", ".txt");
        Path err = Files.createTempFile(home, "stderr", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("nix-instantiate did not finish within 60 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
