package dev.nixpve.sim.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A node's network interfaces: the bridges VMs can join, and the uplink behind them. */
final class NetworkEndpoints {

    private final ApiContext context;

    NetworkEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/nodes/{node}/network", this::list));
    }

    private List<Map<String, Object>> list(Call call) {
        Optional<String> type = call.param("type");
        List<Map<String, Object>> interfaces = new java.util.ArrayList<>();
        interfaces.add(entry("eno1", "eth", null));
        for (String bridge : context.cluster().requireNode(call.node()).bridges()) {
            interfaces.add(entry(bridge, "bridge", "eno1"));
        }
        List<Map<String, Object>> result = new java.util.ArrayList<>(interfaces.stream()
                .filter(i -> type.map(t -> matches(t, (String) i.get("type"))).orElse(true)).toList());
        if (type.filter(t -> t.equals("any_bridge") || t.equals("vnet")).isPresent()) {
            result.addAll(vnets(call));
        }
        return result;
    }

    /** pve-network get_local_vnets: the VNets this caller may see (SDN.Audit or SDN.Use on them). */
    private List<Map<String, Object>> vnets(Call call) {
        Map<String, String> vnets = context.cluster().vnets();
        return vnets.keySet().stream().sorted().filter(vnet -> {
            String path = SdnEndpoints.aclPath(vnets, vnet);
            return call.principal().grants().has(path, "SDN.Audit") || call.principal().grants().has(path, "SDN.Use");
        }).map(vnet -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("iface", vnet);
            entry.put("type", "vnet");
            entry.put("active", "1");
            entry.put("ipam", 0);
            entry.put("vlanaware", 0);
            return entry;
        }).toList();
    }

    private static boolean matches(String wanted, String type) {
        return switch (wanted) {
            case "any_bridge", "any_local_bridge" -> type.equals("bridge") || type.equals("OVSBridge");
            default -> wanted.equals(type);
        };
    }

    /** Keys as PVE 8/9 return them for ifupdown2 interfaces; 1/0 booleans as the API sends them. */
    private static Map<String, Object> entry(String iface, String type, String ports) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("iface", iface);
        entry.put("type", type);
        entry.put("active", 1);
        entry.put("autostart", 1);
        entry.put("method", "manual");
        entry.put("method6", "manual");
        entry.put("families", List.of("inet"));
        entry.put("priority", type.equals("bridge") ? 4 : 3);
        if (ports != null) {
            entry.put("bridge_ports", ports);
            entry.put("bridge_stp", "off");
            entry.put("bridge_fd", "0");
        }
        return entry;
    }
}
