package dev.nixpve.sim.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A cluster node with its local storages ({@code local} dir, {@code local-lvm} thin pool). */
public final class SimNode {

    static final long GIB = 1L << 30;

    private final String name;
    private final Map<String, SimStorage> storages = new LinkedHashMap<>();
    private boolean online = true;
    private final java.util.Set<String> bridges = new java.util.LinkedHashSet<>(java.util.List.of("vmbr0"));

    public SimNode(String name) {
        this.name = name;
        storages.put("local", new SimStorage("local", "dir", java.util.Set.of("iso", "vztmpl", "backup"), 100 * GIB));
        storages.put("local-lvm", new SimStorage("local-lvm", "lvmthin", java.util.Set.of("images", "rootdir"),
                400 * GIB));
    }

    public String name() {
        return name;
    }

    /** Linux bridges on the node; vmbr0 as a fresh PVE install has it. */
    public java.util.Set<String> bridges() {
        return bridges;
    }

    public boolean online() {
        return online;
    }

    public void online(boolean value) {
        this.online = value;
    }

    public Optional<SimStorage> storage(String id) {
        return Optional.ofNullable(storages.get(id));
    }

    /** Another storage on this node (an LVM volume group, a directory for images), as an admin adds one. */
    public void addStorage(SimStorage storage) {
        storages.put(storage.id(), storage);
    }

    public List<SimStorage> storages() {
        return List.copyOf(storages.values());
    }
}
