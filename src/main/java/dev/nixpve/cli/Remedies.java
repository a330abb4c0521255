package dev.nixpve.cli;

import dev.nixpve.monitor.InstallFailedException;
import dev.nixpve.pipeline.steps.StepFailure;
import dev.nixpve.proxmox.model.ResourceRef;

/**
 * What to do about each way a step or the install can fail: the one place the pipeline's remedies
 * are worded, with the flags and settings that help. Core code says what failed; this says what next.
 */
final class Remedies {

    private Remedies() {
    }

    static String of(StepFailure failure) {
        ResourceRef about = failure.about();
        String vm = about.vmid().map(String::valueOf).orElse("VMID");
        return switch (failure.reason()) {
            case PVE_NOT_READY -> "fix each point (nixpve.yaml keys are named), then run 'nixpve pve check' to confirm";
            case NO_FREE_VMID -> "widen target.vmids, or let retention remove old templates (retention.templates)";
            case TEMPLATE_CHECK_FAILED -> "it is not published; look at its config with 'qm config " + vm
                    + "' (add --keep-failed to keep it)";
            case SMOKE_TEST_NO_ADDRESS -> "open the clone's console in the PVE web UI (add --keep-failed to keep it), "
                    + "check DHCP on its bridge, or raise verify.timeout";
            case NOT_A_NIXPVE_ISO -> "give the .iso that 'nixpve build-iso' printed: its installer knows which VM "
                    + "it may install to";
            case DEMO_NO_ADDRESS -> "run the demo again; the simulator's guests report an address within seconds";
        };
    }

    static String of(InstallFailedException failure) {
        return switch (failure.reason()) {
            case INSTALLER_FAILED -> "the installer's log tail follows; the VM powers itself off";
            case TIMED_OUT -> "look at the VM's console in the PVE web UI; raise install.timeout for slow storage";
            case PHASE_TIMED_OUT -> "look at the VM's console in the PVE web UI; raise install.phaseTimeout if the "
                    + "phase was still moving";
            case POWERED_OFF_EARLY -> "the installer stops the machine only after done or failed; look at the node's "
                    + "task log for a crash";
        };
    }
}
