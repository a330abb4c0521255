package dev.nixpve.sim.guest;

import dev.nixpve.sim.state.GuestInterface;

import dev.nixpve.sim.state.Guest;

import dev.nixpve.sim.state.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The NixOS system an install left on the disk, booted (typically in a clone of the template):
 * cloud-init brings up the network, the guest agent starts and reports the address.
 */
public final class InstalledSystemGuest implements Guest {

    /** About how long a small NixOS VM takes from power-on to a running guest agent. */
    public static final Duration BOOT_TIME = Duration.ofSeconds(12);

    private final Timeline timeline;
    private final String buildToken;
    private final GuestInterface network;
    private final boolean agentSilent;
    private final Instant bootedAt;
    private boolean powered = true;

    public InstalledSystemGuest(Timeline timeline, String buildToken, GuestInterface network, boolean agentSilent) {
        this.timeline = timeline;
        this.buildToken = buildToken;
        this.network = network;
        this.agentSilent = agentSilent;
        this.bootedAt = timeline.now();
    }

    @Override
    public boolean agentResponding() {
        return powered && !agentSilent && !timeline.now().isBefore(bootedAt.plus(BOOT_TIME));
    }

    @Override
    public Optional<String> readFile(String path) {
        if (path.equals("/etc/nixpve-build.json")) {
            return Optional.of("{\"buildId\":\"" + buildToken + "\"}\n");
        }
        return Optional.empty();
    }

    @Override
    public List<GuestInterface> interfaces() {
        return List.of(GuestInterface.loopback(), network);
    }

    @Override
    public boolean honoursShutdown() {
        return true;
    }

    @Override
    public void powerLost() {
        powered = false;
    }
}
