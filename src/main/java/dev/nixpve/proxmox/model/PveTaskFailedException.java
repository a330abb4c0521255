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
}
