package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.testing.FakeClock;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build-and-deploy-template} from the command line against the simulator on a fake clock. */
class BuildAndDeployCommandTest {

    private static final String TOKEN = "0123456789abcdef0123";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    private PveSimulator simulator(String... faults) throws IOException {
        return PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { })
                .withFaults(List.of(faults)));
    }

    private Path iso() throws IOException {
        Path iso = dir.resolve("nixos.iso");
        StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
        return iso;
    }

    @Test
    void theConsoleShowsALinePerStepThePhasesAndTheJournal() throws Exception {
        try (PveSimulator sim = simulator()) {
            CliRun run = CliRun.run(clock, sim.environment(), dir, "build-and-deploy-template", "--iso",
                    iso().toString(), "--out", "out");

            assertEquals(0, run.exitCode(), run.all());
            String expected;
            try (InputStream in = getClass().getResourceAsStream("build-and-deploy.console.txt")) {
                expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String actual = run.out().replace(dir.toString(), "<dir>");
            if (Boolean.getBoolean("nixpve.updateSnapshots")) {
                // -Dnixpve.updateSnapshots=true rewrites the snapshot after a deliberate change; review the diff.
                Files.writeString(Path.of("src/test/resources/dev/nixpve/cli/build-and-deploy.console.txt"), actual);
                fail("the console snapshot was rewritten: review its diff, then run again without "
                        + "-Dnixpve.updateSnapshots (a run that rewrites it proves nothing)");
            }
            assertEquals(expected, actual);
            assertTrue(Files.exists(dir.resolve("out/templates.json")));
        }
    }

    @Test
    void aDryRunPrintsThePlanAndMakesNoWriteCall() throws Exception {
        try (PveSimulator sim = simulator()) {
            CliRun run = CliRun.run(clock, sim.environment(), dir, "build-and-deploy-template", "--iso",
                    iso().toString(), "--dry-run");

            assertEquals(0, run.exitCode(), run.all());
            assertTrue(run.out().contains("POST /nodes/pve1/qemu {"), run.out());
            assertTrue(run.out().matches("(?s).*smbios1=uuid=[0-9a-f-]{36},serial=.*"), run.out());
            assertEquals(List.of(), sim.requests().stream().filter(r -> !r.startsWith("GET ")).toList());
            assertFalse(run.all().contains(sim.apiToken().substring(sim.apiToken().indexOf('=') + 1)),
                    "the token secret never shows");
        }
    }

    @Test
    void aFailureIsOneParagraphNamingTheStepAndTheCleanup() throws Exception {
        try (PveSimulator sim = simulator("install-fail=format")) {
            CliRun run = CliRun.run(clock, sim.environment(), dir, "build-and-deploy-template", "--iso",
                    iso().toString(), "--out", "out");

            assertEquals(1, run.exitCode());
            String error = run.err().lines().filter(l -> l.startsWith("error:")).findFirst().orElseThrow();
            assertTrue(error.contains("Step 'install' failed: the installer failed"), error);
            assertTrue(error.contains("Installer log:"), error);
            assertTrue(error.contains("Cleanup: removed VM 9100 on pve1."), error);
            assertFalse(run.err().contains("\tat "), "no stack trace without --verbose");
        }
    }

    @Test
    void jsonLogFormatPrintsOneObjectPerLine() throws Exception {
        try (PveSimulator sim = simulator()) {
            CliRun run = CliRun.run(clock, sim.environment(), dir, "build-and-deploy-template", "--iso",
                    iso().toString(), "--out", "out", "--log-format", "json");

            assertEquals(0, run.exitCode(), run.all());
            assertTrue(run.out().lines().filter(l -> l.startsWith("{")).anyMatch(l -> l.contains("\"event\":\"step\"")
                    && l.contains("\"step\":\"install\"")), run.out());
            // the kinds' stable ids, not Java class names
            assertTrue(run.out().contains("\"event\":\"install-phase\""), run.out());
            assertTrue(run.out().lines().filter(l -> l.startsWith("{")).allMatch(l -> l.matches(
                    ".*\"event\":\"(step|install-phase|journal|progress|output|log|run-started|run-finished|"
                            + "measured)\".*")), run.out());
            // from its start on, every line names the run, and a line within a step names the step
            List<String> lines = run.out().lines().filter(l -> l.startsWith("{")).toList();
            int start = lines.indexOf(lines.stream().filter(l -> l.contains("\"event\":\"run-started\""))
                    .findFirst().orElseThrow());
            String runId = lines.get(start).replaceAll(".*\"run\":\"([0-9a-f]{12})\".*", "$1");
            assertTrue(lines.subList(start, lines.size()).stream().allMatch(l -> l.contains("\"run\":\"" + runId
                    + "\"")), run.out());
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"install-phase\"")
                    && l.contains("\"step\":\"install\"")), run.out());
            assertTrue(lines.get(lines.size() - 1).matches(".*\"event\":\"run-finished\".*\"outcome\":"
                    + "\"succeeded\".*\"template\":\\{.*\"vmid\":\\d+.*"), lines.get(lines.size() - 1));
        }
    }
}
