package dev.nixpve.sim.state;

import java.util.List;
import java.util.Optional;

/**
 * What runs inside a started VM, as far as PVE can see it: the QEMU guest agent (ping, file-read,
 * network interfaces) and the reaction to an ACPI shutdown. Events a guest scheduled stop mattering
 * once its power is lost.
 */
public interface Guest {

    /** Whether the guest agent answers now (it starts some seconds after boot, if at all). */
    boolean agentResponding();

    /** The file's content through the agent, or empty when the guest has no such file. */
    Optional<String> readFile(String path);

    List<GuestInterface> interfaces();

    /** Whether the guest powers off on an ACPI shutdown request (firmware without an OS does not). */
    boolean honoursShutdown();

    /** The ISO in the VM's cdrom drive was removed or replaced while running. */
    default void mediaRemoved() {
    }

    /** The VM was stopped or powered itself off: scheduled guest events become no-ops. */
    void powerLost();
}
