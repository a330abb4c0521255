package dev.nixpve.sim.fault;

import dev.nixpve.monitor.InstallProgress;
import java.util.Optional;

/** The injected faults a guest obeys: a failing or hanging installer, a silent agent. */
public record GuestFaults(Optional<InstallProgress.Phase> installFailAt, boolean installHangs, boolean agentSilent) {

    public static GuestFaults none() {
        return new GuestFaults(Optional.empty(), false, false);
    }
}
