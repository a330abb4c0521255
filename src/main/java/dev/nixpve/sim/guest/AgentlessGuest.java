package dev.nixpve.sim.guest;

import dev.nixpve.sim.state.GuestInterface;

import dev.nixpve.sim.state.Guest;

import java.util.List;
import java.util.Optional;

/**
 * A guest without a QEMU guest agent: a foreign live ISO (honours ACPI) or the firmware's
 * "No bootable device" screen (ignores it, so a shutdown times out as on PVE).
 */
public final class AgentlessGuest implements Guest {

    private final boolean honoursShutdown;

    private AgentlessGuest(boolean honoursShutdown) {
        this.honoursShutdown = honoursShutdown;
    }

    public static AgentlessGuest liveSystem() {
        return new AgentlessGuest(true);
    }

    public static AgentlessGuest noBootableDevice() {
        return new AgentlessGuest(false);
    }

    @Override
    public boolean agentResponding() {
        return false;
    }

    @Override
    public Optional<String> readFile(String path) {
        return Optional.empty();
    }

    @Override
    public List<GuestInterface> interfaces() {
        return List.of();
    }

    @Override
    public boolean honoursShutdown() {
        return honoursShutdown;
    }

    @Override
    public void powerLost() {
        // nothing scheduled
    }
}
