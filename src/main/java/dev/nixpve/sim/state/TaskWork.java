package dev.nixpve.sim.state;

/** What a task does when its time has come, and how it cleans up when it fails instead. */
public interface TaskWork {

    /** Applies the task's effect; throws {@link TaskFailure} to fail the task. */
    void complete(SimTask task);

    /** Undoes what the request already did (a lock, a half-made config) when the task fails. */
    default void rollback(SimTask task) {
    }
}
