package dev.nixpve.pipeline.steps;

import dev.nixpve.proxmox.model.ResourceRef;

/**
 * A step could not do its job for a reason the step itself understands: which reason, what
 * failed (worded for the operator) and the VM it concerns. What to do about it is the CLI's to say
 * ({@code cli.Remedies}); PVE and build errors reach the runner as their own exceptions.
 */
public final class StepFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a step gave up; the CLI has one remedy for each. */
    public enum Reason {
        /** Preflight found problems with the node, storages, bridge, VMIDs or privileges. */
        PVE_NOT_READY,
        /** Every VMID of target.vmids is taken. */
        NO_FREE_VMID,
        /** The template's config did not check out after finalize. */
        TEMPLATE_CHECK_FAILED,
        /** The smoke-test clone reported no address in time. */
        SMOKE_TEST_NO_ADDRESS,
        /** The --iso file is missing, not an ISO, or not a nixpve installer. */
        NOT_A_NIXPVE_ISO,
        /** A demo clone reported no address. */
        DEMO_NO_ADDRESS
    }

    private final Reason reason;
    private final ResourceRef about;

    public StepFailure(Reason reason, String message, ResourceRef about) {
        super(message);
        this.reason = reason;
        this.about = about;
    }

    public StepFailure(Reason reason, String message) {
        this(reason, message, ResourceRef.none());
    }

    public Reason reason() {
        return reason;
    }

    /** The VM (or node) the failure concerns, for remedies that name it. */
    public ResourceRef about() {
        return about;
    }
}
