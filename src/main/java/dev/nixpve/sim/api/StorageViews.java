package dev.nixpve.sim.api;

import dev.nixpve.sim.state.SimNode;
import dev.nixpve.sim.state.SimStorage;
import dev.nixpve.sim.state.StoredVolume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Storages and volumes as PVE's JSON shows them (content lists comma-joined, booleans as 0/1). */
final class StorageViews {

    /** Where the simulated NFS server and its exports would be (TEST-NET-1, never routed). */
    private static final String NFS_SERVER = "192.0.2.10";

    private StorageViews() {
    }

    static boolean visible(Principal principal, SimStorage storage) {
        String path = "/storage/" + storage.id();
        return principal.grants().has(path, "Datastore.Audit") || principal.grants().has(path, "Datastore.AllocateSpace");
    }

    /**
     * Storage.pm's storage_info entry as a node sees the storage: with its numbers when it is
     * available there, with zeros and {@code enabled 0} when storage.cfg's {@code nodes} leaves the
     * node out (storage_check_enabled fails, so it is never activated).
     */
    static Map<String, Object> status(SimStorage storage, boolean availableHere) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", storage.type());
        entry.put("content", contentList(storage));
        entry.put("active", availableHere ? 1 : 0);
        entry.put("enabled", availableHere ? 1 : 0);
        entry.put("shared", storage.shared() ? 1 : 0);
        entry.put("total", availableHere ? storage.total() : 0);
        entry.put("used", availableHere ? storage.used() : 0);
        entry.put("avail", availableHere ? storage.available() : 0);
        return entry;
    }

    /** A {@code GET /nodes/{node}/storage} entry; Status.pm adds used_fraction only when there is a total. */
    static Map<String, Object> listed(SimStorage storage, boolean availableHere) {
        Map<String, Object> entry = new LinkedHashMap<>(status(storage, availableHere));
        entry.put("storage", storage.id());
        if (availableHere && storage.total() > 0) {
            entry.put("used_fraction", (double) storage.used() / storage.total());
        }
        return entry;
    }

    /**
     * One {@code /cluster/resources} entry per node the storage is available on
     * (pve-manager PVE/API2Tools.pm extract_storage_stats): its numbers come from the node's last
     * status broadcast, so a dead node's storages show them until pmxcfs drops them as old, then
     * only {@code status unknown}.
     */
    static Map<String, Object> resource(SimNode node, SimStorage storage, Instant now) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", "storage/" + node.name() + "/" + storage.id());
        entry.put("type", "storage");
        entry.put("node", node.name());
        entry.put("storage", storage.id());
        entry.put("plugintype", storage.type());
        entry.put("content", contentList(storage));
        entry.put("shared", storage.shared() ? 1 : 0);
        entry.put("status", "unknown");
        if (node.statusFresh(now)) {
            entry.put("status", "available");
            entry.put("disk", storage.used());
            entry.put("maxdisk", storage.total());
        }
        return entry;
    }

    /**
     * A storage.cfg entry as {@code GET /storage} shows it (pve-storage Config.pm $api_storage_config):
     * the type's own keys, {@code shared 1} where set or implied by the type (NFS, RBD), {@code nodes}
     * when restricted.
     */
    static Map<String, Object> config(SimStorage storage, Set<String> restrictedTo) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("storage", storage.id());
        entry.put("type", storage.type());
        entry.put("content", contentList(storage));
        switch (storage.type()) {
            case "dir" -> entry.put("path", storage.path());
            case "nfs" -> {
                entry.put("path", storage.path());
                entry.put("server", NFS_SERVER);
                entry.put("export", "/export/" + storage.id());
            }
            case "lvmthin" -> {
                entry.put("thinpool", "data");
                entry.put("vgname", "pve");
            }
            case "lvm" -> entry.put("vgname", volumeGroup(storage));
            case "rbd" -> entry.put("pool", storage.id());
            default -> throw new IllegalStateException("storage type " + storage.type());
        }
        if (storage.shared()) {
            entry.put("shared", 1);
        }
        if (!restrictedTo.isEmpty()) {
            entry.put("nodes", String.join(",", restrictedTo));
        }
        entry.put("digest", "5d2c8d3a0f6f4b0d8c7e3e6e2c1f9a8b7d6c5e4f");
        return entry;
    }

    /** A content entry; {@code parent} only where list_images reports one (a qcow2 backing file, an RBD snapshot). */
    static Map<String, Object> volume(SimStorage storage, StoredVolume volume) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("volid", volume.volid());
        entry.put("content", volume.content());
        entry.put("format", volume.format());
        entry.put("size", volume.size());
        entry.put("ctime", volume.created().getEpochSecond());
        volume.vmid().ifPresent(vmid -> entry.put("vmid", vmid));
        storage.listedParent(volume).ifPresent(parent -> entry.put("parent", parent));
        if (volume.content().equals("images")) {
            entry.put("used", volume.parent().isPresent() ? volume.size() / 100 : volume.size());
        }
        return entry;
    }

    /** The plugins' path(): a file under the storage's directory, an LVM device, or QEMU's rbd: URL. */
    static String path(SimStorage storage, StoredVolume volume) {
        String volname = volume.volname();
        String name = volname.substring(volname.lastIndexOf('/') + 1);
        return switch (storage.kind()) {
            case DIR -> storage.path() + switch (volume.content()) {
                case "iso" -> "/template/iso/" + name;
                case "vztmpl" -> "/template/cache/" + name;
                case "import" -> "/import/" + name;
                default -> "/images/" + volname;
            };
            case LVM, LVMTHIN -> "/dev/" + volumeGroup(storage) + "/" + name;
            case RBD -> "rbd:" + storage.id() + "/" + name + ":conf=/etc/pve/ceph.conf:id=admin"
                    + ":keyring=/etc/pve/priv/ceph/" + storage.id() + ".keyring";
        };
    }

    /** The volume group: the installer's {@code pve} for node-local LVM, one named after a shared (SAN) one. */
    private static String volumeGroup(SimStorage storage) {
        return storage.shared() ? storage.id() : "pve";
    }

    /** PVE does not keep the order of a content list stable; neither do we need to. */
    private static String contentList(SimStorage storage) {
        List<String> content = new ArrayList<>(storage.content());
        java.util.Collections.sort(content);
        return String.join(",", content);
    }
}
