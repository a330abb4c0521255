package dev.nixpve.proxmox.model;

import java.util.Optional;

/**
 * A clone: the new VMID and name, full or linked, for full clones the target storage (PVE refuses a
 * storage for linked clones), and the node the clone goes to when not the source's (PVE allows that
 * only when the source's disks are on shared storage: qemu-server's clone_vm).
 */
public record CloneRequest(int newVmid, Optional<String> name, boolean full, Optional<String> storage,
                           Optional<String> description, Optional<String> target) {

    public CloneRequest(int newVmid, Optional<String> name, boolean full, Optional<String> storage,
                        Optional<String> description) {
        this(newVmid, name, full, storage, description, Optional.empty());
    }

    public CloneRequest {
        if (!full && storage.isPresent()) {
            throw new IllegalArgumentException("a linked clone stays on the template's storage; drop the storage");
        }
    }

    public static CloneRequest full(int newVmid, String name, String storage) {
        return new CloneRequest(newVmid, Optional.of(name), true, Optional.of(storage), Optional.empty());
    }

    public static CloneRequest linked(int newVmid, String name) {
        return new CloneRequest(newVmid, Optional.of(name), false, Optional.empty(), Optional.empty());
    }

    /** The same clone, made on {@code node} (the source's node when it is that one). */
    public CloneRequest onto(String node) {
        return new CloneRequest(newVmid, name, full, storage, description, Optional.of(node));
    }

    public PveParams toParams() {
        PveParams params = PveParams.of().put("newid", newVmid).put("full", full);
        name.ifPresent(n -> params.put("name", n));
        storage.ifPresent(s -> params.put("storage", s));
        description.ifPresent(d -> params.put("description", d));
        target.ifPresent(t -> params.put("target", t));
        return params;
    }
}
