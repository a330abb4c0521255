package dev.nixpve.nix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A stand-in {@code nix} on a temporary PATH: records its arguments and working directory, prints
 * build log lines on stderr, creates a store path with an ISO of known bytes, writes a flake.lock
 * as a real build does, and prints the store path on stdout.
 */
final class FakeNix {

    static final String ISO_BYTES = "not really an ISO, but bytes with a known SHA-256";
    static final String REV = "0123456789abcdef0123456789abcdef01234567";

    final Path dir;
    final Path bin;
    final Path store;

    FakeNix(Path dir) throws IOException {
        this.dir = dir;
        this.bin = Files.createDirectories(dir.resolve("bin"));
        this.store = dir.resolve("store");
    }

    /** The environment a builder should run with: the fake first, the system's tools after it. */
    Map<String, String> environment() {
        return Map.of("PATH", bin + ":" + System.getenv("PATH"), "HOME", dir.toString());
    }

    FakeNix succeeding() throws IOException {
        return script("""
                printf '%s\\n' "$@" > '@DIR@/args'
                pwd > '@DIR@/cwd'
                echo "evaluating derivation 'path:...#nixosConfigurations.installer'" >&2
                echo "building '/nix/store/abc-nixos.iso.drv'..." >&2
                echo "nixos.iso> xorriso : UPDATE : 100.00% done" >&2
                mkdir -p '@STORE@/xyz-nixos.iso/iso'
                printf '%s' '@ISO@' > '@STORE@/xyz-nixos.iso/iso/nixos-25.11-x86_64-linux.iso'
                cat > flake.lock <<'EOF'
                @LOCK@EOF
                echo '@STORE@/xyz-nixos.iso'
                """.replace("@LOCK@", TemplateRendererTest.lock(REV)));
    }

    /** {@code nix flake lock}: records its call and writes the lock only, as the real one does. */
    FakeNix locking() throws IOException {
        return script("""
                printf '%s\\n' "$@" > '@DIR@/args'
                pwd > '@DIR@/cwd'
                echo "warning: creating lock file '$PWD/flake.lock'" >&2
                cat > flake.lock <<'EOF'
                @LOCK@EOF
                """.replace("@LOCK@", TemplateRendererTest.lock(REV)));
    }

    FakeNix failing(int lines) throws IOException {
        return script("""
                i=1
                while [ "$i" -le %d ]; do echo "log line $i" >&2; i=$((i + 1)); done
                exit 1
                """.formatted(lines));
    }

    /** Blocks reading a FIFO nobody writes: only a timeout ends it. */
    FakeNix hanging() throws IOException, InterruptedException {
        Path fifo = dir.resolve("never-written");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() != 0) {
            throw new IOException("mkfifo failed");
        }
        // exec: no shell is left to print "Terminated" when the process tree is stopped
        return script("echo 'building...' >&2\nexec cat '" + fifo + "'\n");
    }

    FakeNix printing(String stdout) throws IOException {
        return script("printf '%s' '" + stdout + "'\n");
    }

    FakeNix script(String body) throws IOException {
        String text = "#!/bin/sh\n" + body.replace("@DIR@", dir.toString()).replace("@STORE@", store.toString())
                .replace("@ISO@", ISO_BYTES);
        Path nix = Files.writeString(bin.resolve("nix"), text);
        nix.toFile().setExecutable(true);
        return this;
    }
}
