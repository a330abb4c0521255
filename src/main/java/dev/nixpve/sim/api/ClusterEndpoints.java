package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.SimLan;
import dev.nixpve.sim.state.SimNode;
import dev.nixpve.sim.state.SimStorage;
import dev.nixpve.sim.state.SimVm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Version, nodes, cluster status and resources, nextid, tickets and permissions. */
final class ClusterEndpoints {

    private final ApiContext context;

    ClusterEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/version", call -> Map.of("version", context.version().version(),
                "release", context.version().release(), "repoid", context.version().repoid(), "console", "xtermjs")));
        routes.add(new Route("GET", "/nodes", call -> nodes()));
        routes.add(new Route("GET", "/cluster/status", call -> clusterStatus()));
        routes.add(new Route("GET", "/cluster/nextid", this::nextid));
        routes.add(new Route("GET", "/cluster/resources", this::resources));
        routes.add(new Route("GET", "/storage", this::storageConfig));
        routes.add(new Route("GET", "/storage/{storage}", this::storageEntry));
        routes.add(new Route("POST", "/access/ticket", call -> context.access().issueTicket(call.required("username"),
                call.required("password"), call.param("realm"), context.now(), context.credentialsExpireAt())));
        routes.add(new Route("GET", "/access/permissions", this::permissions));
    }

    private List<Map<String, Object>> nodes() {
        List<Map<String, Object>> result = new ArrayList<>();
        for (SimNode node : context.cluster().nodes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("node", node.name());
            entry.put("id", "node/" + node.name());
            entry.put("type", "node");
            entry.put("status", node.online() ? "online" : "offline");
            if (node.online()) {
                entry.put("cpu", 0.0123);
                entry.put("maxcpu", 8);
                entry.put("mem", 6L << 30);
                entry.put("maxmem", 32L << 30);
                entry.put("disk", 9L << 30);
                entry.put("maxdisk", 94L << 30);
                entry.put("uptime", uptime());
                entry.put("level", "");
                entry.put("ssl_fingerprint", context.sslFingerprint());
            }
            result.add(entry);
        }
        return result;
    }

    private List<Map<String, Object>> clusterStatus() {
        List<Map<String, Object>> result = new ArrayList<>();
        List<SimNode> nodes = context.cluster().nodes();
        result.add(Map.of("type", "cluster", "id", "cluster", "name", "nixpve-sim", "nodes", nodes.size(),
                "quorate", context.cluster().quorate() ? 1 : 0, "version", nodes.size()));
        for (int i = 0; i < nodes.size(); i++) {
            SimNode node = nodes.get(i);
            result.add(Map.of("type", "node", "id", "node/" + node.name(), "name", node.name(), "nodeid", i + 1,
                    "online", node.online() ? 1 : 0, "local", i == 0 ? 1 : 0, "ip", SimLan.nodeAddress(i),
                    "level", ""));
        }
        return result;
    }

    /** A string, as Perl serialises it; with {@code vmid}, the id echoed back if free, else a 400. */
    private Object nextid(Call call) {
        Optional<Integer> wanted = call.integer("vmid");
        if (wanted.isPresent()) {
            if (context.cluster().vm(wanted.get()).isPresent()) {
                throw PveError.parameter("vmid", "VM " + wanted.get() + " already exists");
            }
            return String.valueOf(wanted.get());
        }
        int next = context.cluster().nextFreeVmid();
        if (context.cluster().faults().takeNextidRace()) {
            SimNode node = context.cluster().nodes().get(0);
            context.cluster().add(new SimVm(next, node.name(), Map.of("name", "raced-by-another-client",
                    "memory", "512")));
        }
        return String.valueOf(next);
    }

    private List<Map<String, Object>> resources(Call call) {
        Optional<String> type = call.param("type");
        List<Map<String, Object>> result = new ArrayList<>();
        Principal principal = call.principal();
        if (type.isEmpty() || type.get().equals("vm")) {
            for (SimVm vm : context.cluster().vms()) {
                if (principal.grants().has("/vms/" + vm.vmid(), "VM.Audit")) {
                    result.add(VmViews.resource(vm, context.cluster().samples().of(vm.vmid())));
                }
            }
        }
        if (type.isEmpty() || type.get().equals("node")) {
            nodes().forEach(node -> {
                Map<String, Object> entry = new LinkedHashMap<>(node);
                entry.remove("ssl_fingerprint");
                entry.put("cgroup-mode", 2);
                result.add(entry);
            });
        }
        if (type.isEmpty() || type.get().equals("storage")) {
            // an entry for each node the storage is available on, storage by storage (PVE/API2/Cluster.pm)
            for (SimStorage configured : context.cluster().storageConfig().all()) {
                if (!principal.grants().has("/storage/" + configured.id(), "Datastore.Audit")) {
                    continue;
                }
                for (SimNode node : context.cluster().nodes()) {
                    node.storage(configured.id())
                            .ifPresent(storage -> result.add(StorageViews.resource(node, storage, context.now())));
                }
            }
        }
        return result;
    }

    /** pve-storage's Config.pm index: the storage.cfg entries the caller may see, of one type if asked. */
    private List<Map<String, Object>> storageConfig(Call call) {
        Optional<String> type = call.param("type");
        return context.cluster().storageConfig().all().stream()
                .filter(storage -> StorageViews.visible(call.principal(), storage))
                .filter(storage -> type.map(storage.type()::equals).orElse(true))
                .map(this::configEntry).toList();
    }

    /** Config.pm's read; the schema's check has asked for Datastore.Allocate on the storage. */
    private Map<String, Object> storageEntry(Call call) {
        String id = call.path("storage");
        return context.cluster().storageConfig().configured(id).map(this::configEntry)
                .orElseThrow(() -> PveError.server("storage '" + id + "' does not exist\n"));
    }

    private Map<String, Object> configEntry(SimStorage storage) {
        return StorageViews.config(storage, context.cluster().storageConfig().restrictedTo(storage.id()));
    }

    /** The caller's privileges: for one path (inherited ones included), or for every granted path. */
    private Map<String, Map<String, Integer>> permissions(Call call) {
        Grants grants = call.principal().grants();
        return call.param("path").map(path -> Map.of(path, Grants.asFlags(grants.effective(path))))
                .orElseGet(grants::listing);
    }

    private long uptime() {
        return java.time.Duration.between(context.cluster().bootedAt(), context.now()).toSeconds() + 86_400;
    }
}
