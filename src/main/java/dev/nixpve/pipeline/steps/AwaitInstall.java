package dev.nixpve.pipeline.steps;

import dev.nixpve.config.InstallSettings;
import dev.nixpve.event.StepId;
import dev.nixpve.monitor.InstallMonitor;
import dev.nixpve.monitor.InstallOutcome;

/** Watches the unattended install until the VM powers itself off after it (see {@link InstallMonitor}). */
public final class AwaitInstall implements Step<InstallOutcome> {

    private final InstallMonitor monitor;
    private final String node;
    private final int vmid;
    private final InstallSettings limits;

    public AwaitInstall(InstallMonitor monitor, String node, int vmid, InstallSettings limits) {
        this.monitor = monitor;
        this.node = node;
        this.vmid = vmid;
        this.limits = limits;
    }

    @Override
    public StepId id() {
        return StepId.INSTALL;
    }

    @Override
    public InstallOutcome run() throws Exception {
        return monitor.watch(node, vmid, limits);
    }

    @Override
    public String summary(InstallOutcome outcome) {
        return outcome.confirmed() ? "installed; the VM powered off" : "VM powered off (outcome unconfirmed)";
    }
}
