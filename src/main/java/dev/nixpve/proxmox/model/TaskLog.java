package dev.nixpve.proxmox.model;

import java.util.List;

/** A page of a task log and the log's total line count. */
public record TaskLog(List<TaskLogLine> lines, long total) {

    public TaskLog {
        lines = List.copyOf(lines);
    }
}
