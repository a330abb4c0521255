package dev.nixpve.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need an external tool (shellcheck, nix-instantiate, sshd, ansible-inventory) skip
 * with a clear message on a laptop without it, but fail under NIXPVE_REQUIRE_TOOLS=1, which
 * .ci/run sets after installing them: CI must never pass by skipping.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** The tool's path; skips or fails the calling test when it is not on PATH. */
    public static Path require(String tool, String debianPackage) {
        return requireInstalled(tool, "Debian package " + debianPackage + "; .ci/run installs it");
    }

    /**
     * The same for a tool that is not a Debian package (terraform comes with the machine image):
     * {@code whereFrom} tells a reader where it comes from.
     */
    public static Path requireInstalled(String tool, String whereFrom) {
        Optional<Path> found = find(tool);
        if (found.isEmpty()) {
            unavailable(tool + " is not installed (" + whereFrom + ")");
        }
        return found.get();
    }

    /** Skips the calling test with {@code message}, or fails it under NIXPVE_REQUIRE_TOOLS=1. */
    public static void unavailable(String message) {
        if ("1".equals(System.getenv("NIXPVE_REQUIRE_TOOLS"))) {
            Assertions.fail(message + ", and NIXPVE_REQUIRE_TOOLS=1 forbids skipping");
        }
        Assumptions.abort("skipped: " + message);
    }

    static Optional<Path> find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin"}) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
