package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An --out the run cannot write and an --iso it cannot read are usage errors (exit 2), found before
 * the run asks anything of PVE, not after it built an installer VM.
 */
class UnusablePathsCliTest {

    private static final String TOKEN = "0123456789abcdef0123";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));
    private PveSimulator sim;
    private Path iso;

    @BeforeEach
    void start() throws Exception {
        sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { }));
        iso = dir.resolve("nixos.iso");
        StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private CliRun run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("build-and-deploy-template"));
        all.addAll(List.of(args));
        return CliRun.run(clock, sim.environment(), dir, all.toArray(String[]::new));
    }

    private void assertUsageErrorBeforePve(CliRun run, String expected) {
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.err().startsWith("error: " + expected), run.err());
        assertEquals(List.of(), sim.requests(), "nothing was asked of PVE");
    }

    @Test
    void anOutThatIsAFileIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "a file");
        assertUsageErrorBeforePve(run("--iso", iso.toString(), "--out", "out"),
                "--out " + file + " is a file, not a directory.");
    }

    @Test
    void anOutUnderProcIsAUsageError() {
        assertUsageErrorBeforePve(run("--iso", iso.toString(), "--out", "/proc/nixpve-out"),
                "--out /proc/nixpve-out cannot be written (");
        assertUsageErrorBeforePve(run("--iso", iso.toString(), "--out", "/proc/self"),
                "--out /proc/self cannot be written (");
    }

    @Test
    void anOutBelowAFileIsAUsageError() throws Exception {
        Files.writeString(dir.resolve("file"), "a file");
        assertUsageErrorBeforePve(run("--iso", iso.toString(), "--out", "file/out"),
                "--out " + dir.resolve("file/out") + " cannot be written (");
    }

    @Test
    void aMissingIsoIsAUsageError() {
        assertUsageErrorBeforePve(run("--iso", "missing.iso", "--out", "out"),
                "--iso " + dir.resolve("missing.iso") + " does not exist.");
        assertUsageErrorBeforePve(run("--iso", "missing.iso", "--dry-run"),
                "--iso " + dir.resolve("missing.iso") + " does not exist.");
    }

    @Test
    void anIsoThatIsADirectoryIsAUsageError() throws Exception {
        Files.createDirectories(dir.resolve("iso-dir"));
        assertUsageErrorBeforePve(run("--iso", "iso-dir", "--out", "out"),
                "--iso " + dir.resolve("iso-dir") + " is not a file.");
    }
}
