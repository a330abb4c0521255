package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.StoredVolume;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ISO given with --iso whose file name carries escapes, a line break and shell words: PVE only
 * ever sees nixpve's own name for it (template name and build token), and the terminal sees the
 * given name with its control characters shown, not obeyed.
 */
class HostileIsoNameTest {

    private static final String TOKEN = "0123456789abcdef0123";
    private static final String HOSTILE = "evil\u001b[31m;rm -rf ~\nResult: ok\u202e.iso";

    @TempDir
    Path dir;

    @Test
    void theNameReachesPveOnlyInNixpvesFormAndTheTerminalOnlyEscaped() throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { }))) {
            Path iso = dir.resolve(HOSTILE);
            StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));

            CliRun run = CliRun.run(clock, sim.environment(), dir, "build-and-deploy-template", "--iso", iso.toString(),
                    "--out", "out");

            assertEquals(0, run.exitCode(), run.all());
            List<String> isos = sim.cluster().requireStorage("pve1", "local").volumes().stream()
                    .map(StoredVolume::volname).toList();
            assertEquals(List.of("iso/nixpve-nixos-base-" + TOKEN + ".iso"), isos);
            assertTrue(sim.requests().stream().noneMatch(r -> r.contains("evil")), sim.requests().toString());
            assertTrue(run.all().contains("evil\\x1b[31m;rm -rf ~\\nResult: ok\\u202e.iso"), run.all());
            assertFalse(run.all().chars().anyMatch(c -> c == 0x1b || c == 0x202e), run.all());
        }
    }
}
