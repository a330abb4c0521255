package dev.nixpve.proxmox.model;

import java.util.Optional;

/**
 * One entry of {@code GET /cluster/resources}: a guest, node or storage anywhere in the cluster.
 * For guests the list, tags and lock are live, but status, name and template are pvestatd's sample,
 * up to 10 s old (pve-manager PVE/API2Tools.pm extract_vm_stats): decide those from the VM's config
 * or status.
 */
public record ClusterResource(String id, String type, Optional<String> node, Optional<String> status,
                              Optional<String> name, Optional<Integer> vmid, boolean template, Tags tags,
                              Optional<String> lock, Optional<String> storage) {

    public boolean isQemuGuest() {
        return type.equals("qemu");
    }
}
