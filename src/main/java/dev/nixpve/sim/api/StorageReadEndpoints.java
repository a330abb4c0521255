package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.SimStorage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A storage's statistics, backup pruning preview, file restore and import metadata, as pve-storage
 * answers them (API2/Storage/Status.pm, PruneBackups.pm, FileRestore.pm, Storage.pm): the
 * simulator holds no backups and no importable images, and no Proxmox Backup Server storage.
 */
final class StorageReadEndpoints {

    private static final String STORAGE = "/nodes/{node}/storage/{storage}";

    private final ApiContext context;

    StorageReadEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", STORAGE + "/rrd", call -> RrdSeries.graph(context.version(), "storage",
                call.node() + "/" + storage(call).id(), call.required("ds"))));
        routes.add(new Route("GET", STORAGE + "/rrddata", this::rrddata));
        routes.add(new Route("GET", STORAGE + "/prunebackups", this::prunebackups));
        for (String restore : List.of("/file-restore/list", "/file-restore/download")) {
            routes.add(new Route("GET", STORAGE + restore, call -> {
                storage(call);
                throw PveError.parameter("storage", "Only PBS storages supported for file-restore.");
            }));
        }
        routes.add(new Route("GET", STORAGE + "/import-metadata", this::importMetadata));
    }

    private List<Map<String, Object>> rrddata(Call call) {
        SimStorage storage = storage(call);
        return RrdSeries.rows(context.version(), call.required("timeframe"), context.now(), time -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("total", storage.total());
            row.put("used", storage.used());
            return row;
        });
    }

    /** Storage.pm prune_backups with dryrun: the backups and what pruning would do; there are none. */
    private List<Object> prunebackups(Call call) {
        SimStorage storage = storage(call);
        if (!storage.supports("backup")) {
            throw PveError.server("storage '" + storage.id() + "' does not support backups\n");
        }
        if (call.param("prune-backups").isEmpty()) {
            throw PveError.server("no prune-backups options configured for storage '" + storage.id() + "'\n");
        }
        return List.of();
    }

    /** Plugin.pm get_import_metadata: only an {@code import} volume (ova/ovf) has any; the simulator holds none. */
    private Object importMetadata(Call call) {
        storage(call);
        String volume = call.required("volume");
        int slash = volume.indexOf('/');
        String type = slash < 0 ? volume : volume.substring(0, slash);
        if (volume.contains(":") || slash < 0) {
            throw PveError.server("unable to parse volume name '" + volume + "'\n");
        }
        throw PveError.server("invalid content type '" + type + "'\n");
    }

    private SimStorage storage(Call call) {
        return context.cluster().requireStorage(call.node(), call.path("storage"));
    }
}
