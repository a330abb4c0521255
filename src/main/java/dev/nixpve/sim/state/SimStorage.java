package dev.nixpve.sim.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A node-local storage with PVE's content types and capacity accounting. */
public final class SimStorage {

    private final String id;
    private final String type;
    private final StorageKind kind;
    private final Set<String> content;
    private final long total;
    private final Map<String, StoredVolume> volumes = new LinkedHashMap<>();
    private boolean full;

    public SimStorage(String id, String type, Set<String> content, long total) {
        this.id = id;
        this.type = type;
        this.kind = StorageKind.of(type);
        this.content = new LinkedHashSet<>(content);
        this.total = total;
    }

    public String id() {
        return id;
    }

    /** {@code dir}, {@code nfs}, {@code lvm}, {@code lvmthin} or {@code rbd}. */
    public String type() {
        return type;
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

    /** File-based storages accept uploads; block storages (lvm, lvmthin, zfs, rbd) do not. */
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
