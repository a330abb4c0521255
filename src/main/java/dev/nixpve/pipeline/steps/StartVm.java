package dev.nixpve.pipeline.steps;

import dev.nixpve.event.StepId;

/** Starts the installer VM, which boots the ISO (the disk is still empty). */
public final class StartVm implements Step<Integer> {

    private final Vms vms;
    private final String node;
    private final int vmid;

    public StartVm(Vms vms, String node, int vmid) {
        this.vms = vms;
        this.node = node;
        this.vmid = vmid;
    }

    @Override
    public StepId id() {
        return StepId.START;
    }

    @Override
    public Integer run() {
        vms.start(node, vmid);
        return vmid;
    }

    @Override
    public String summary(Integer result) {
        return "booting the installer ISO";
    }
}
