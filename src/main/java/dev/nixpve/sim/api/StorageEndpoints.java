package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.SimNode;
import dev.nixpve.sim.state.StorageConfig;
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
        routes.add(new Route("GET", "/nodes/{node}/storage/{storage}/status", this::status));
        routes.add(new Route("GET", "/nodes/{node}/storage/{storage}/content", this::content));
        routes.add(new Route("GET", "/nodes/{node}/storage/{storage}/content/{volume}", this::volume));
        routes.add(new Route("DELETE", "/nodes/{node}/storage/{storage}/content/{volume}", this::delete));
    }

    /**
     * Status.pm's index: every storage in storage.cfg, as this node sees it. One its {@code nodes}
     * leave out is listed disabled, unless a {@code content} filter asks (storage_info then skips
     * it); {@code target} keeps only shared storages available on both nodes (what a clone or
     * migration to that node could use). {@code enabled} drops storages disabled in storage.cfg,
     * which the simulator never has.
     */
    private List<Map<String, Object>> list(Call call) {
        SimNode node = context.cluster().requireNode(call.node());
        Optional<String> content = call.param("content");
        Optional<String> only = call.param("storage");
        Optional<String> target = call.param("target").filter(t -> !t.equals(node.name()) && !t.equals("localhost"));
        boolean format = call.param("format").map("1"::equals).orElse(false);
        StorageConfig config = context.cluster().storageConfig();
        List<SimStorage> info = config.all().stream()
                .filter(s -> content.isEmpty() || availableOn(node, s)
                        && List.of(content.get().split(",")).stream().anyMatch(s::supports)).toList();
        if (only.isPresent() && info.stream().noneMatch(s -> s.id().equals(only.get()))) {
            throw PveError.parameter("storage", "No such storage.");
        }
        return info.stream()
                .filter(s -> StorageViews.visible(call.principal(), s))
                .filter(s -> only.map(s.id()::equals).orElse(true))
                .filter(s -> target.isEmpty() || s.shared() && availableOn(node, s)
                        && config.availableOn(target.get(), s.id()))
                .map(s -> withFormats(StorageViews.listed(s, availableOn(node, s)), s, format && availableOn(node, s)))
                .toList();
    }

    /**
     * {@code format=1}: storage_info adds, for an enabled storage, the formats its plugin allows and
     * its default ({@code formats}), and the same as the tuple PVE 8 had ({@code format}, deprecated).
     */
    private static Map<String, Object> withFormats(Map<String, Object> entry, SimStorage storage, boolean include) {
        if (include) {
            List<String> supported = StorageFormats.supported(storage.type());
            Map<String, Integer> valid = new java.util.TreeMap<>();
            supported.forEach(f -> valid.put(f, 1));
            entry.put("formats", Map.of("supported", supported, "default", "raw"));
            entry.put("format", List.of(valid, "raw"));
        }
        return entry;
    }

    /** read_status: storage_info's entry, so one this node is left out of reads as disabled, not as an error. */
    private Map<String, Object> status(Call call) {
        SimNode node = context.cluster().requireNode(call.node());
        String id = call.path("storage");
        // Status.pm's read_status: raise_param_exc when storage_info has no such storage.
        return node.storage(id).map(s -> StorageViews.status(s, true))
                .or(() -> context.cluster().storageConfig().configured(id).map(s -> StorageViews.status(s, false)))
                .orElseThrow(() -> PveError.parameter("storage", "No such storage."));
    }

    private static boolean availableOn(SimNode node, SimStorage storage) {
        return node.storage(storage.id()).isPresent();
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
        entry.put("path", StorageViews.path(storage, volume));
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
