package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** build-iso end to end with a fake nix first on PATH. */
class BuildIsoCommandTest {

    static final String ISO = "iso bytes from the fake nix";
    static final String REV = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dir;

    Path bin;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "HOME", dir.toString());
    }

    void fakeNix(String body) throws Exception {
        Path nix = Files.writeString(bin.resolve("nix"), "#!/bin/sh\n" + body);
        nix.toFile().setExecutable(true);
    }

    /** nix flake lock: logs the call and writes the lock, as the real one does. */
    String lockHandler() {
        return "echo \"$3 $4\" >> '" + dir.resolve("nix-calls") + "'\n"
                + "if [ \"$3\" = flake ]; then\n"
                + "  printf '%s' '{\"nodes\":{\"nixpkgs\":{\"locked\":{\"rev\":\"" + REV + "\"}},"
                + "\"root\":{\"inputs\":{\"nixpkgs\":\"nixpkgs\"}}},\"root\":\"root\",\"version\":7}' > flake.lock\n"
                + "  exit 0\n"
                + "fi\n";
    }

    void succeedingNix() throws Exception {
        Path store = dir.resolve("store/abc-nixos.iso");
        fakeNix(lockHandler() + "echo \"building '/nix/store/abc-nixos.iso.drv'...\" >&2\n"
                + "mkdir -p '" + store + "/iso'\n"
                + "printf '%s' '" + ISO + "' > '" + store + "/iso/nixos.iso'\n"
                + "printf '%s' '{\"nodes\":{\"nixpkgs\":{\"locked\":{\"rev\":\"" + REV + "\"}},"
                + "\"root\":{\"inputs\":{\"nixpkgs\":\"nixpkgs\"}}},\"root\":\"root\",\"version\":7}' > flake.lock\n"
                + "echo '" + store + "'\n");
    }

    CliRun run(String... args) {
        return run(env, args);
    }

    CliRun run(Map<String, String> environment, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("build-iso", "--templates",
                RenderCommandTest.fixtureTemplates()));
        all.addAll(List.of(args));
        return CliRun.run(environment, dir, all.toArray(String[]::new));
    }

    @Test
    void rendersBuildsAndPrintsTheIso() throws Exception {
        succeedingNix();
        CliRun run = run("--out", "o");
        assertEquals(0, run.exitCode(), run.all());

        String buildId = Files.readString(dir.resolve("o/tree/nixpve-build.json"))
                .replaceAll("(?s).*\"buildId\" : \"([0-9a-f]{64})\".*", "$1");
        Path iso = dir.resolve("o/nixpve-nixos-base-" + buildId.substring(0, 20) + ".iso");
        assertEquals(ISO, Files.readString(iso));
        assertTrue(run.out().contains("ISO:      " + iso + "\n"), run.out());
        assertTrue(run.out().contains("Size:     27 B\n"), run.out());
        assertTrue(run.out().contains("SHA-256:  " + sha256(ISO) + "\n"), run.out());
        assertTrue(run.out().contains("Build id: " + buildId + "\n"), run.out());
        assertTrue(run.out().contains("nixpkgs:  " + REV + "\n"), run.out());
        assertTrue(run.out().startsWith("pinning nixpkgs with nix flake lock (local)\nBuilding the installer ISO for "
                + "build " + buildId + " (local); --verbose shows the build log\n"), run.out());
        assertEquals(List.of("flake lock", "build --print-build-logs"), Files.readAllLines(dir.resolve("nix-calls")),
                "pinned first, then built");
        assertTrue(Files.readString(dir.resolve("o/tree/flake.lock")).contains(REV));

        CliRun again = run("--out", "o");
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.out().contains("Build id: " + buildId + "\n"), "the kept lock keeps the id: " + again.out());
        assertEquals(List.of("flake lock", "build --print-build-logs", "build --print-build-logs"),
                Files.readAllLines(dir.resolve("nix-calls")), "no second lock");
        assertFalse(run.all().contains("abc-nixos.iso.drv"), "no build log without --verbose");
    }

    @Test
    void verboseShowsTheBuildLog() throws Exception {
        succeedingNix();
        CliRun run = run("--out", "o", "--verbose");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.err().contains("nix> building '/nix/store/abc-nixos.iso.drv'...\n"), run.err());
    }

    @Test
    void theOutputDirectoryDefaultsToOutputDir() throws Exception {
        succeedingNix();
        CliRun run = run();
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(Files.isRegularFile(dir.resolve("out/tree/flake.nix")));
    }

    @Test
    void aFailedBuildExitsOneWithTheTail() throws Exception {
        fakeNix(lockHandler() + "i=1\nwhile [ \"$i\" -le 35 ]; do echo \"line $i\" >&2; i=$((i + 1)); done\nexit 1\n");
        CliRun run = run("--out", "o");
        assertEquals(1, run.exitCode(), run.all());
        List<String> lines = run.err().lines().toList();
        assertEquals("error: nix build failed with exit code 1 after 0s; last lines: line 33 | line 34 | line 35. "
                + "Hint: the log lines say why; run again with --verbose to see the whole build log.", lines.get(0));
        assertEquals("Last lines of the build log:", lines.get(1));
        assertEquals("  line 6", lines.get(2));
        assertEquals("  line 35", lines.get(31));
        assertEquals(32, lines.size());
    }

    @Test
    void theBuilderFlagOverridesTheConfiguration() throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), "build:\n  builder: local\n");
        // Only the temporary bin on PATH: whether this machine has Docker must not matter.
        CliRun docker = run(Map.of("PATH", bin.toString()), "--out", "o", "--builder", "docker");
        assertEquals(1, docker.exitCode(), docker.all());
        assertTrue(docker.err().startsWith("error: docker is not installed here"), docker.err());

        // The ssh builder is chosen and fails on the missing key before it looks up the host.
        Files.writeString(dir.resolve("nixpve.yaml"), "build:\n  builder: local\n  sshIdentity: no-such-key\n");
        CliRun ssh = run("--out", "o", "--builder", "ssh://nix@builder.lan");
        assertEquals(1, ssh.exitCode(), ssh.all());
        assertTrue(ssh.err().startsWith("error: ssh://nix@builder.lan:22: "), ssh.err());
        assertTrue(ssh.err().contains("no-such-key"), ssh.err());

        CliRun bogus = run("--out", "o", "--builder", "kubernetes");
        assertEquals(2, bogus.exitCode(), bogus.all());
        assertTrue(bogus.err().startsWith("error: option --builder: build.builder: 'kubernetes' is not a builder. "
                + "Hint: use local, docker or ssh://"), bogus.err());
    }

    @Test
    void noNixIsAFailureWithAHint() {
        CliRun run = run(Map.of("PATH", bin.toString()), "--out", "o");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().startsWith("error: nix is not installed here (no 'nix' on PATH). Hint: install Nix"),
                run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
