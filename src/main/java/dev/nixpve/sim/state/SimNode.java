package dev.nixpve.sim.state;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster node with its local storages ({@code local} dir, {@code local-lvm} thin pool) and the
 * shared ones available on it, and whether it is up.
 */
public final class SimNode {

    static final long GIB = 1L << 30;
    /**
     * How long pmxcfs keeps a node's last status broadcast (pve-cluster src/pmxcfs/status.c,
     * rrd_entry_is_old: "remove everything older than 5 minutes"); until then a dead node's
     * storages and guests still show their last values in /cluster/resources.
     */
    public static final Duration STATUS_EXPIRY = Duration.ofMinutes(5);

    private final String name;
    private final Map<String, SimStorage> storages = new LinkedHashMap<>();
    private Instant offlineSince;
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
        return offlineSince == null;
    }

    /** The node stops answering from {@code at} on; pass a time long past for one that was never up. */
    void goOffline(Instant at) {
        if (offlineSince == null) {
            offlineSince = at;
        }
    }

    void comeOnline() {
        offlineSince = null;
    }

    /** Whether the cluster still holds fresh status from this node: it is up, or went down under 5 minutes ago. */
    public boolean statusFresh(Instant now) {
        return offlineSince == null || now.isBefore(offlineSince.plus(STATUS_EXPIRY));
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
