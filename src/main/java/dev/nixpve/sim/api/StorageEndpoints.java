package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.SimStorage;
import dev.nixpve.sim.state.SimTask;
import dev.nixpve.sim.state.StoredVolume;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storage listing, status, content, and content deletion (the upload has its own endpoint). */
final class StorageEndpoints {

    private final ApiContext context;

    StorageEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/nodes/{node}/storage", this::list));
        routes.add(new Route("GET", "/nodes/{node}/storage/{storage}/status",
                call -> StorageViews.status(storage(call))));
        routes.add(new Route("GET", "/nodes/{node}/storage/{storage}/content", this::content));
        routes.add(new Route("GET", "/nodes/{node}/storage/{storage}/content/{volume}", this::volume));
        routes.add(new Route("DELETE", "/nodes/{node}/storage/{storage}/content/{volume}", this::delete));
    }

    private List<Map<String, Object>> list(Call call) {
        Optional<String> content = call.param("content");
        Optional<String> only = call.param("storage");
        return context.cluster().requireNode(call.node()).storages().stream()
                .filter(s -> StorageViews.visible(call.principal(), s))
                .filter(s -> content.map(c -> List.of(c.split(",")).stream().anyMatch(s::supports)).orElse(true))
                .filter(s -> only.map(s.id()::equals).orElse(true))
                .map(StorageViews::listed).toList();
    }

    private List<Map<String, Object>> content(Call call) {
        Optional<String> type = call.param("content");
        Optional<Integer> vmid = call.integer("vmid");
        SimStorage storage = storage(call);
        return storage.volumes().stream()
                .filter(v -> type.map(v.content()::equals).orElse(true))
                .filter(v -> vmid.map(id -> v.vmid().filter(id::equals).isPresent()).orElse(true))
                .map(v -> StorageViews.volume(storage, v)).toList();
    }

    private Map<String, Object> volume(Call call) {
        SimStorage storage = storage(call);
        String volname = volname(call);
        StoredVolume volume = storage.volume(volname).orElseThrow(() -> PveError.server("volume '" + storage.id()
                + ":" + volname + "' does not exist\n"));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", volume.content().equals("iso") ? "/var/lib/vz/template/" + volname
                : "/dev/pve/" + volname.substring(volname.lastIndexOf('/') + 1));
        entry.put("size", volume.size());
        entry.put("used", volume.size());
        entry.put("format", volume.format());
        return entry;
    }

    /** PVE answers null when the task ended within {@code delay} seconds, else the UPID. */
    private Object delete(Call call) {
        SimStorage storage = storage(call);
        if (!call.principal().grants().has("/storage/" + storage.id(), "Datastore.Allocate")) {
            throw PveError.permission("/storage/" + storage.id(), "Datastore.Allocate");
        }
        SimTask task = context.content().delete(call.node(), storage.id(), volname(call),
                call.principal().taskOwner());
        context.cluster().timeline().runDue();
        return call.param("delay").isPresent() && !task.running() ? null : task.upid();
    }

    private SimStorage storage(Call call) {
        return context.cluster().requireStorage(call.node(), call.path("storage"));
    }

    /** {@code {volume}} is a full volid ({@code local:iso/x.iso}) or just the volume name. */
    private static String volname(Call call) {
        String volume = call.path("volume");
        String prefix = call.path("storage") + ":";
        return volume.startsWith(prefix) ? volume.substring(prefix.length()) : volume;
    }
}
