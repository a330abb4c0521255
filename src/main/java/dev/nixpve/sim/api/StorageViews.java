package dev.nixpve.sim.api;

import dev.nixpve.sim.state.SimNode;
import dev.nixpve.sim.state.SimStorage;
import dev.nixpve.sim.state.StoredVolume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Storages and volumes as PVE's JSON shows them (content lists comma-joined, booleans as 0/1). */
final class StorageViews {

    private StorageViews() {
    }

    static boolean visible(Principal principal, SimStorage storage) {
        String path = "/storage/" + storage.id();
        return principal.grants().has(path, "Datastore.Audit") || principal.grants().has(path, "Datastore.AllocateSpace");
    }

    static Map<String, Object> status(SimStorage storage) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", storage.type());
        entry.put("content", contentList(storage));
        entry.put("active", 1);
        entry.put("enabled", 1);
        entry.put("shared", 0);
        entry.put("total", storage.total());
        entry.put("used", storage.used());
        entry.put("avail", storage.available());
        return entry;
    }

    static Map<String, Object> listed(SimStorage storage) {
        Map<String, Object> entry = new LinkedHashMap<>(status(storage));
        entry.put("storage", storage.id());
        entry.put("used_fraction", storage.total() == 0 ? 0.0 : (double) storage.used() / storage.total());
        return entry;
    }

    static Map<String, Object> resource(SimNode node, SimStorage storage) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", "storage/" + node.name() + "/" + storage.id());
        entry.put("type", "storage");
        entry.put("node", node.name());
        entry.put("storage", storage.id());
        entry.put("plugintype", storage.type());
        entry.put("content", contentList(storage));
        entry.put("shared", 0);
        entry.put("status", node.online() ? "available" : "unknown");
        entry.put("disk", storage.used());
        entry.put("maxdisk", storage.total());
        return entry;
    }

    /** A content entry; {@code parent} only where list_images reports one (a directory's qcow2 backing file). */
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

    /** PVE does not keep the order of a content list stable; neither do we need to. */
    private static String contentList(SimStorage storage) {
        List<String> content = new ArrayList<>(storage.content());
        java.util.Collections.sort(content);
        return String.join(",", content);
    }
}
