package dev.nixpve.sim.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A storage with PVE's content types and capacity accounting. A node-local one is a separate
 * instance on each node (each node's {@code local} holds its own files); a shared one is a single
 * instance every node it is available on holds, so its content is one, as the {@code shared} flag
 * of storage.cfg promises (pve-storage src/PVE/Storage/Plugin.pm).
 */
public final class SimStorage {

    private final String id;
    private final String type;
    private final StorageKind kind;
    private final Set<String> content;
    private final long total;
    private final boolean shared;
    private final Map<String, StoredVolume> volumes = new LinkedHashMap<>();
    private boolean full;

    /** A node-local storage. */
    public SimStorage(String id, String type, Set<String> content, long total) {
        this(id, type, content, total, false);
    }

    SimStorage(String id, String type, Set<String> content, long total, boolean shared) {
        this.id = id;
        this.type = type;
        this.kind = StorageKind.of(type);
        this.content = new LinkedHashSet<>(content);
        this.total = total;
        this.shared = shared;
    }

    public String id() {
        return id;
    }

    /** {@code dir}, {@code nfs}, {@code lvm}, {@code lvmthin} or {@code rbd}. */
    public String type() {
        return type;
    }

    /** storage.cfg's {@code shared}: one content, seen the same from every node it is available on. */
    public boolean shared() {
        return shared;
    }

    /**
     * Where a file-based storage keeps its files: {@code local} at /var/lib/vz as every PVE node,
     * others where PVE mounts (NFSPlugin.pm) or an admin would put them.
     */
    public String path() {
        return id.equals("local") ? "/var/lib/vz" : "/mnt/pve/" + id;
    }

    public StorageKind kind() {
        return kind;
    }

    public Set<String> content() {
        return Set.copyOf(content);
    }

    public boolean supports(String contentType) {
        return content.contains(contentType);
    }

    /** File-based storages (dir, nfs) accept uploads; block storages (lvm, lvmthin, zfs, rbd) do not. */
    public boolean fileBased() {
        return kind == StorageKind.DIR;
    }

    public long total() {
        return total;
    }

    /** Volumes count their size, except thin linked clones, which share their base's blocks (a hundredth). */
    public long used() {
        if (full) {
            return total;
        }
        return volumes.values().stream().mapToLong(v -> kind.thinClones() && v.parent().isPresent()
                ? v.size() / 100 : v.size()).sum();
    }

    public long available() {
        return Math.max(0, total - used());
    }

    public boolean hasRoomFor(long bytes) {
        return !full && available() >= bytes;
    }

    /** The {@code storage-full} fault: no room left, whatever the accounting says. */
    public void markFull(boolean value) {
        this.full = value;
    }

    public Optional<StoredVolume> volume(String volname) {
        return Optional.ofNullable(volumes.get(volname));
    }

    public List<StoredVolume> volumes() {
        return new ArrayList<>(volumes.values());
    }

    /** Adds or, for an upload of an existing name, silently replaces the volume, as PVE does. */
    public void put(StoredVolume volume) {
        volumes.put(volume.volname(), volume);
    }

    public Optional<StoredVolume> remove(String volname) {
        return Optional.ofNullable(volumes.remove(volname));
    }

    /** The first free disk name of a VM (vm- and base- names count as taken), as get_next_vm_diskname finds it. */
    public String freeDiskName(int vmid, String format) {
        Set<Integer> taken = new java.util.HashSet<>();
        volumes.keySet().forEach(name -> StorageKind.diskNumber(name, vmid).ifPresent(taken::add));
        int n = 0;
        while (taken.contains(n)) {
            n++;
        }
        return kind.diskName(vmid, n, format);
    }

    /**
     * Storage.pm's volume_is_base_and_used: a volume whose name says it is backed by this one.
     * On LVM-thin no name says so, and PVE lets the base go (the thin clones keep their blocks).
     */
    public boolean baseInUse(String volname) {
        return StorageKind.isBase(volname)
                && volumes.keySet().stream().anyMatch(name -> kind.namedBase(name).filter(volname::equals).isPresent());
    }

    /** The {@code parent} the content listing shows for a volume, if this storage type shows one. */
    public Optional<String> listedParent(StoredVolume volume) {
        return kind.listedParent(volume.volname());
    }
}
