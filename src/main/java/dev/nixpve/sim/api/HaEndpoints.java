package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * High availability as a cluster without HA resources reports it (pve-ha-manager's API2/HA/*.pm):
 * no resources, groups or rules; the status holds only the quorum entry of the node answering.
 */
final class HaEndpoints {

    private final ApiContext context;

    HaEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/cluster/ha/resources", call -> List.of()));
        routes.add(new Route("GET", "/cluster/ha/resources/{sid}", call -> {
            throw PveError.server("no such resource '" + call.path("sid") + "'\n");
        }));
        routes.add(new Route("GET", "/cluster/ha/groups", call -> List.of()));
        routes.add(new Route("GET", "/cluster/ha/groups/{group}", call -> {
            throw PveError.server("no such ha group '" + call.path("group") + "'\n");
        }));
        routes.add(new Route("GET", "/cluster/ha/rules", call -> List.of()));
        routes.add(new Route("GET", "/cluster/ha/rules/{rule}", call -> {
            throw PveError.server("no such ha rule '" + call.path("rule") + "'\n");
        }));
        routes.add(new Route("GET", "/cluster/ha/status/current", call -> List.of(quorum())));
        routes.add(new Route("GET", "/cluster/ha/status/manager_status", call -> Map.of("manager_status", Map.of(),
                "quorum", Map.of("node", node(), "quorate", context.cluster().quorate() ? "1" : "0"))));
    }

    private Map<String, Object> quorum() {
        Map<String, Object> quorum = new LinkedHashMap<>();
        quorum.put("id", "quorum");
        quorum.put("type", "quorum");
        quorum.put("node", node());
        quorum.put("status", context.cluster().quorate() ? "OK" : "No quorum on node '" + node() + "'!");
        quorum.put("quorate", context.cluster().quorate() ? 1 : 0);
        return quorum;
    }

    private String node() {
        return context.cluster().nodes().get(0).name();
    }
}
