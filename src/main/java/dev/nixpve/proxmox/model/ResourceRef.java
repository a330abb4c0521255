package dev.nixpve.proxmox.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a failed call was about, so an error can say which node, VM, storage or task failed. */
public record ResourceRef(Optional<String> node, Optional<Integer> vmid, Optional<String> storage,
                          Optional<Upid> task) {

    public static ResourceRef none() {
        return new ResourceRef(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static ResourceRef node(String node) {
        return none().withNode(node);
    }

    public static ResourceRef vm(String node, int vmid) {
        return new ResourceRef(Optional.of(node), Optional.of(vmid), Optional.empty(), Optional.empty());
    }

    public static ResourceRef storage(String node, String storage) {
        return new ResourceRef(Optional.of(node), Optional.empty(), Optional.of(storage), Optional.empty());
    }

    public static ResourceRef task(Upid upid) {
        return new ResourceRef(Optional.of(upid.node()), Optional.empty(), Optional.empty(), Optional.of(upid));
    }

    public ResourceRef withNode(String value) {
        return new ResourceRef(Optional.of(value), vmid, storage, task);
    }

    /** "VM 9100 on node pve1", "storage local on node pve1", ... or empty. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        vmid.ifPresent(id -> parts.add("VM " + id));
        storage.ifPresent(s -> parts.add("storage " + s));
        task.ifPresent(t -> parts.add("task " + t.type() + (t.id().isEmpty() ? "" : " " + t.id())));
        String subject = String.join(", ", parts);
        String where = node.map(n -> "node " + n).orElse("");
        if (subject.isEmpty()) {
            return where;
        }
        return where.isEmpty() ? subject : subject + " on " + where;
    }
}
