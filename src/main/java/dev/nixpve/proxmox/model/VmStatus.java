package dev.nixpve.proxmox.model;

import java.util.Optional;

/** {@code GET .../status/current}: whether the VM runs, its lock, template flag and agent setting. */
public record VmStatus(int vmid, String status, Optional<String> qmpStatus, Optional<String> name, boolean template,
                       Optional<String> lock, long uptimeSeconds, boolean agentEnabled, Tags tags) {

    public boolean running() {
        return "running".equals(status);
    }

    public boolean stopped() {
        return "stopped".equals(status);
    }
}
