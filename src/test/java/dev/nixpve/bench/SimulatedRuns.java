package dev.nixpve.bench;

import dev.nixpve.cli.demo.AcceleratedClock;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/** What the rows that run the CLI against a simulated cluster share: its options, and a fresh stand-in ISO. */
final class SimulatedRuns {

    private SimulatedRuns() {
    }

    /** The simulator as {@code nixpve sim} runs it, at the row's install time and clock speed. */
    static SimOptions simulator(Settings settings) {
        Clock clock = settings.simSpeed() == 1 ? Clock.systemUTC()
                : new AcceleratedClock(Clock.systemUTC(), settings.simSpeed());
        return SimOptions.defaults().withPort(0).withInstallTime(settings.installTime()).withClock(clock);
    }

    /**
     * The nixpve.yaml lines every simulated run shares: the smoke test on or off, and under --quick the
     * install monitor looking every second rather than every 5 s, so that CI's runs do not spend most
     * of their time in one poll interval (the full-size rows keep the default a user has).
     */
    static String commonConfig(Settings settings) {
        return "verify:\n  smokeTest: " + settings.smokeTest() + "\n"
                + (settings.quick() ? "install:\n  pollInterval: 1s\n" : "");
    }

    /** A stand-in installer ISO with a build token of its own, so every run builds anew. */
    static void writeIso(Path file) throws IOException {
        byte[] token = new byte[BuildIdentity.TOKEN_LENGTH / 2];
        new SecureRandom().nextBytes(token);
        String hex = HexFormat.of().formatHex(token);
        StandInIso.write(file, hex, BuildIdentity.volumeIdFor(hex));
    }
}
