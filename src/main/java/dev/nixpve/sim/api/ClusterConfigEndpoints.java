package dev.nixpve.sim.api;

import dev.nixpve.sim.state.SimLan;
import dev.nixpve.sim.state.SimNode;
import dev.nixpve.sim.state.SimTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's corosync configuration (pve-cluster API2/ClusterConfig.pm: one link, every node
 * one vote at its LAN address, no QDevice), datacenter.cfg left at its defaults (API2/Cluster.pm
 * get_options), the cluster log (empty) and the recent tasks of every node (API2/Cluster.pm tasks).
 */
final class ClusterConfigEndpoints {

    /** pve-cluster PVE/Cluster/Setup.pm JOIN_API_VERSION. */
    private static final int JOIN_API_VERSION = 1;

    private final ApiContext context;

    ClusterConfigEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/cluster/config/apiversion", call -> JOIN_API_VERSION));
        routes.add(new Route("GET", "/cluster/config/nodes", call -> corosyncNodes(false)));
        routes.add(new Route("GET", "/cluster/config/join", call -> join()));
        routes.add(new Route("GET", "/cluster/config/totem", call -> totem()));
        routes.add(new Route("GET", "/cluster/config/qdevice", call -> Map.of()));
        routes.add(new Route("GET", "/cluster/options", call -> Map.of()));
        routes.add(new Route("GET", "/cluster/log", call -> List.of()));
        routes.add(new Route("GET", "/cluster/tasks", this::tasks));
    }

    private List<Map<String, Object>> corosyncNodes(boolean forJoin) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<SimNode> all = context.cluster().nodes();
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put(forJoin ? "name" : "node", all.get(i).name());
            node.put("nodeid", String.valueOf(i + 1));
            node.put("quorum_votes", "1");
            node.put("ring0_addr", SimLan.nodeAddress(i));
            if (forJoin) {
                node.put("pve_addr", SimLan.nodeAddress(i));
                node.put("pve_fp", context.sslFingerprint());
            }
            nodes.add(node);
        }
        return nodes;
    }

    private Map<String, Object> join() {
        Map<String, Object> join = new LinkedHashMap<>();
        join.put("nodelist", corosyncNodes(true));
        join.put("preferred_node", context.cluster().nodes().get(0).name());
        join.put("totem", totem());
        join.put("config_digest", Integer.toHexString(context.cluster().nodes().hashCode()));
        return join;
    }

    private Map<String, Object> totem() {
        Map<String, Object> totem = new LinkedHashMap<>();
        totem.put("cluster_name", "nixpve-sim");
        totem.put("config_version", String.valueOf(context.cluster().nodes().size()));
        totem.put("interface", Map.of("0", Map.of("linknumber", "0")));
        totem.put("ip_version", "ipv4-6");
        totem.put("link_mode", "passive");
        totem.put("secauth", "on");
        totem.put("version", "2");
        return totem;
    }

    /**
     * The tasks pmxcfs keeps for every node, newest first: all of them with Sys.Audit on /, else those
     * whose user is the caller (a token's tasks carry its user apart, so a token sees none).
     */
    private List<Map<String, Object>> tasks(Call call) {
        boolean all = call.principal().grants().has("/", "Sys.Audit");
        String caller = call.principal().taskOwner();
        List<Map<String, Object>> result = new ArrayList<>();
        for (SimTask task : context.cluster().tasks().all()) {
            Map<String, Object> entry = TaskEndpoints.listed(task);
            if (all || entry.get("user").equals(caller)) {
                entry.put("saved", task.running() ? "0" : "1");
                result.add(entry);
            }
        }
        java.util.Collections.reverse(result);
        return result;
    }
}
