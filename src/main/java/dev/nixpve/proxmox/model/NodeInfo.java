package dev.nixpve.proxmox.model;

import java.util.Optional;

/** A cluster node as {@code GET /nodes} lists it. */
public record NodeInfo(String name, String status, Optional<String> sslFingerprint, double cpu, int maxCpu,
                       long memory, long maxMemory, long uptimeSeconds) {

    public boolean online() {
        return "online".equals(status);
    }
}
