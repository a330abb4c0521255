package dev.nixpve.proxmox;

import java.util.Optional;
import java.util.Set;

/** One entry of {@code GET /cluster/resources}: a guest, node or storage anywhere in the cluster. */
public record ClusterResource(String id, String type, Optional<String> node, Optional<String> status,
                              Optional<String> name, Optional<Integer> vmid, boolean template, Set<String> tags,
                              Optional<String> lock, Optional<String> storage) {

    public ClusterResource {
        tags = Set.copyOf(tags);
    }

    public boolean isQemuGuest() {
        return type.equals("qemu");
    }
}
