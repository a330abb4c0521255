package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nixpve rebuild}, the timer's job, against the simulator: it builds when there is no
 * current template, and otherwise makes no write call unless forced or the template is too old.
 * Two rebuilds at once are KilledProcessRecoveryTest's: they need two processes.
 */
class RebuildCommandTest {

    private static final String TOKEN = "0123456789abcdef0123";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    private PveSimulator simulator() throws IOException {
        return PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { }));
    }

    private CliRun rebuild(PveSimulator sim, String... flags) throws IOException {
        Path iso = dir.resolve("nixos.iso");
        StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
        List<String> args = new ArrayList<>(List.of("rebuild", "--iso", iso.toString(), "--out", "out"));
        args.addAll(List.of(flags));
        return CliRun.run(clock, sim.environment(), dir, args.toArray(String[]::new));
    }

    private static List<Integer> templates(PveSimulator sim) {
        return sim.cluster().vms().stream().filter(SimVm::template).map(SimVm::vmid).sorted().toList();
    }

    private static List<String> writesSince(PveSimulator sim, int request) {
        List<String> all = sim.requests();
        return all.subList(request, all.size()).stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    @Test
    void aFirstRebuildBuildsAndASecondWithTheSameInputsMakesNoWriteCall() throws Exception {
        try (PveSimulator sim = simulator()) {
            CliRun first = rebuild(sim);
            assertEquals(0, first.exitCode(), first.all());
            assertEquals(1, templates(sim).size());

            int before = sim.requests().size();
            clock.advance(Duration.ofDays(3));
            CliRun second = rebuild(sim, "--max-age", "30d");

            assertEquals(0, second.exitCode(), second.all());
            assertEquals(List.of(), writesSince(sim, before), "a rebuild with nothing to do writes nothing");
            assertTrue(second.out().contains("is already built from build"), second.out());
            assertEquals(1, templates(sim).size());
        }
    }

    @Test
    void forceBuildsAgainThoughTheInputsAreUnchanged() throws Exception {
        try (PveSimulator sim = simulator()) {
            assertEquals(0, rebuild(sim).exitCode());
            int template = templates(sim).get(0);

            CliRun forced = rebuild(sim, "--force");

            assertEquals(0, forced.exitCode(), forced.all());
            assertTrue(forced.out().contains("template " + template + " is of build "), forced.out());
            assertTrue(forced.out().contains("but is built again: --force"), forced.out());
            assertEquals(2, templates(sim).size(), "the new one, and the old one kept by retention");
        }
    }

    @Test
    void aTemplateOlderThanMaxAgeIsBuiltAgain() throws Exception {
        try (PveSimulator sim = simulator()) {
            assertEquals(0, rebuild(sim).exitCode());
            clock.advance(Duration.ofDays(15));

            CliRun stale = rebuild(sim, "--max-age", "14d");

            assertEquals(0, stale.exitCode(), stale.all());
            assertTrue(stale.out().contains("but is built again: it is 15d old, --max-age is 14d"), stale.out());
            assertEquals(2, templates(sim).size());

            int before = sim.requests().size();
            CliRun zero = rebuild(sim, "--max-age", "0s");
            assertEquals(0, zero.exitCode(), zero.all());
            assertTrue(zero.out().matches("(?s).*but is built again: it is \\w+ old, --max-age is 0s.*"), zero.out());
            assertTrue(writesSince(sim, before).stream().anyMatch(w -> w.matches("POST .*/nodes/pve1/qemu")),
                    "--max-age 0s always builds: " + writesSince(sim, before));
        }
    }

    @Test
    void aMaxAgeThatIsNotADurationIsAUsageError() throws Exception {
        try (PveSimulator sim = simulator()) {
            CliRun run = rebuild(sim, "--max-age", "fortnight");

            assertEquals(2, run.exitCode(), run.all());
            assertTrue(run.err().contains("--max-age"), run.err());
            assertTrue(run.err().contains("e.g. 90s, 30m or 1h30m"), run.err());
            assertEquals(List.of(), writesSince(sim, 0));
        }
    }
}
