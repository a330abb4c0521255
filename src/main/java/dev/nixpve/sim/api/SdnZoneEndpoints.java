package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rest of SDN as pve-network serves it (src/PVE/API2/Network/SDN/*.pm): the zones the VNets
 * were added in (each a simple zone on the default IPAM), the built-in {@code pve} IPAM with no
 * allocations, no controllers, DNS plugins, subnets or fabrics. An unknown id fails as the
 * plugins' sdn_*_config do ("sdn 'x' does not exist").
 */
final class SdnZoneEndpoints {

    private final ApiContext context;

    SdnZoneEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/cluster/sdn/zones", call -> zones().stream().map(this::zone).toList()));
        routes.add(new Route("GET", "/cluster/sdn/zones/{zone}", call -> {
            if (!zones().contains(call.path("zone"))) {
                throw noSuch(call.path("zone"));
            }
            return zone(call.path("zone"));
        }));
        routes.add(new Route("GET", "/cluster/sdn/controllers", call -> List.of()));
        routes.add(new Route("GET", "/cluster/sdn/controllers/{controller}", call -> {
            throw noSuch(call.path("controller"));
        }));
        routes.add(new Route("GET", "/cluster/sdn/ipams", call -> List.of(Map.of("ipam", "pve", "type", "pve"))));
        routes.add(new Route("GET", "/cluster/sdn/ipams/{ipam}", call -> {
            requirePveIpam(call);
            return Map.of("ipam", "pve", "type", "pve", "digest", Integer.toHexString("pve".hashCode()));
        }));
        routes.add(new Route("GET", "/cluster/sdn/ipams/{ipam}/status", call -> {
            requirePveIpam(call);
            return List.of();
        }));
        routes.add(new Route("GET", "/cluster/sdn/dns", call -> List.of()));
        routes.add(new Route("GET", "/cluster/sdn/dns/{dns}", call -> {
            throw noSuch(call.path("dns"));
        }));
        routes.add(new Route("GET", "/cluster/sdn/vnets/{vnet}/subnets", call -> {
            requireVnet(call);
            return List.of();
        }));
        routes.add(new Route("GET", "/cluster/sdn/vnets/{vnet}/subnets/{subnet}", call -> {
            requireVnet(call);
            throw PveError.server("sdn subnet '" + call.path("subnet") + "' does not exist\n");
        }));
        routes.add(new Route("GET", "/cluster/sdn/fabrics/fabric", call -> List.of()));
        routes.add(new Route("GET", "/cluster/sdn/fabrics/node", call -> List.of()));
        for (String path : List.of("/cluster/sdn/fabrics/fabric/{id}", "/cluster/sdn/fabrics/node/{fabric_id}",
                "/cluster/sdn/fabrics/node/{fabric_id}/{node_id}")) {
            routes.add(new Route("GET", path, call -> {
                String id = call.path(call.pathVariables().containsKey("id") ? "id" : "fabric_id");
                throw PveError.server("fabric '" + id + "' does not exist\n");
            }));
        }
        routes.add(new Route("GET", "/cluster/sdn/fabrics/all", call -> Map.of("fabrics", List.of(),
                "nodes", List.of())));
        // nothing pending: applying the configuration would change nothing on the node
        routes.add(new Route("GET", "/cluster/sdn/dry-run", call -> {
            context.cluster().requireNode(call.required("node"));
            return Map.of();
        }));
    }

    private TreeSet<String> zones() {
        return new TreeSet<>(context.cluster().vnets().values());
    }

    private Map<String, Object> zone(String zone) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("zone", zone);
        entry.put("type", "simple");
        entry.put("ipam", "pve");
        entry.put("digest", Integer.toHexString(zone.hashCode()));
        return entry;
    }

    private void requirePveIpam(Call call) {
        if (!call.path("ipam").equals("pve")) {
            throw noSuch(call.path("ipam"));
        }
    }

    private void requireVnet(Call call) {
        if (!context.cluster().vnets().containsKey(call.path("vnet"))) {
            throw PveError.server("sdn vnet '" + call.path("vnet") + "' does not exist\n");
        }
    }

    private static PveError noSuch(String id) {
        return PveError.server("sdn '" + id + "' does not exist\n");
    }
}
