package dev.nixpve.terraform;

import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code ../shared/tools/tf-schema-provider/tf-check} (a schema-only stand-in for bpg/proxmox)
 * on a copy of {@code terraform/}, so {@code .terraform/} never lands in the source tree. Skips
 * when ../shared or Terraform is absent; fails instead under NIXPVE_REQUIRE_TOOLS=1.
 */
final class TfCheck {

    static final Path TOOL = Path.of("..", "shared", "tools", "tf-schema-provider", "tf-check");

    record Result(int exitCode, String output) {
    }

    private final Path copy;

    private TfCheck(Path copy) {
        this.copy = copy;
    }

    /** A copy of terraform/ under {@code scratch}; skips (or fails) when the tools are missing. */
    static TfCheck on(Path scratch) throws IOException, InterruptedException {
        if (!Files.isExecutable(TOOL)) {
            ExternalTools.unavailable(TOOL + " is not there (it comes with ../shared)");
        }
        ExternalTools.requireInstalled("terraform", "it comes with the machine image, not from apt");
        // The stand-in runs Debian's /usr/bin/python3, whatever python3 comes first on PATH.
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import grpc, google.protobuf, cryptography")
                .redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            ExternalTools.unavailable("tf-check needs python3-grpcio, python3-protobuf and python3-cryptography (.ci/run installs "
                    + "them)");
        }
        Path copy = scratch.resolve("terraform");
        copyTree(TerraformFiles.ROOT, copy);
        return new TfCheck(copy);
    }

    Path root() {
        return copy;
    }

    /** {@code tf-check DIR ARGS...}, DIR relative to the copy of terraform/. */
    Result run(String dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TOOL.toAbsolutePath().toString(), copy.resolve(dir).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CHECKPOINT_DISABLE", "1");
        builder.environment().put("HOME", copy.getParent().toString());
        Path log = copy.getParent().resolve("tf-check-" + dir.replace('/', '_') + ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tf-check " + dir + " " + String.join(" ", args) + " did not finish in 300 s");
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(p -> !p.toString().contains("/.terraform")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().endsWith(".tfstate")) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
