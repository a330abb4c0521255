package dev.nixpve.sim.state;

/** A task's work failed; the message becomes the task's exitstatus, as PVE's worker {@code die} does. */
public final class TaskFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TaskFailure(String exitStatus) {
        super(exitStatus, null, false, false);
    }
}
