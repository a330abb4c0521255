package dev.nixpve.proxmox.model;

import java.util.List;

/** A task ended with an error exit status; carries the status and the last lines of its log. */
public final class PveTaskFailedException extends ProxmoxException {

    private final TaskStatus status;
    private final List<TaskLogLine> logTail;

    public PveTaskFailedException(TaskStatus status, List<TaskLogLine> logTail, ResourceRef resource) {
        super("task " + status.upid().type(), resource, "task " + status.upid().type()
                + (status.upid().id().isEmpty() ? "" : " " + status.upid().id()) + " on node " + status.upid().node()
                + " failed: " + status.exitStatus().orElse("no exit status"), null);
        this.status = status;
        this.logTail = List.copyOf(logTail);
    }

    public TaskStatus status() {
        return status;
    }

    public String exitStatus() {
        return status.exitStatus().orElse("");
    }

    public List<TaskLogLine> logTail() {
        return logTail;
    }

    /**
     * Whether the task died waiting for a lock or a command: pve-common Tools.pm lock_file_full
     * ("can't lock file '...' - got timeout", after 10 s, as when another process holds a
     * storage's lock around pve-storage's vdisk_alloc) or pve-cluster's cfs_lock ("got lock
     * request timeout"). Such a failure passes by itself, as the same text in a 500 does.
     */
    public boolean timedOutWaiting() {
        String exit = exitStatus();
        return exit.endsWith("got timeout") || exit.contains("got lock request timeout");
    }
}
