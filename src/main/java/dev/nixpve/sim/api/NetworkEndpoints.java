package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.SimLan;
import dev.nixpve.sim.state.SimNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's network interfaces (pve-manager PVE/API2/Network.pm): the bridges VMs can join, vmbr0
 * holding the node's address as the PVE installer configures it, and the uplink behind them.
 * PVE lists them in Perl hash order, which is no order; the simulator lists the bridges first, so a
 * client that takes the first interface's address (Ansible's proxmox inventory) finds the node's.
 */
final class NetworkEndpoints {

    private final ApiContext context;

    NetworkEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/nodes/{node}/network", this::list));
        routes.add(new Route("GET", "/nodes/{node}/network/{iface}", this::read));
    }

    /** Network.pm network_config: one interface of /etc/network/interfaces, else "interface does not exist". */
    private Map<String, Object> read(Call call) {
        return interfaces(call.node()).stream().filter(i -> i.get("iface").equals(call.path("iface"))).findFirst()
                .orElseThrow(() -> PveError.parameter("iface", "interface does not exist"));
    }

    private List<Map<String, Object>> interfaces(String nodeName) {
        SimNode node = context.cluster().requireNode(nodeName);
        List<Map<String, Object>> interfaces = new java.util.ArrayList<>();
        for (String bridge : node.bridges()) {
            Map<String, Object> entry = entry(bridge, "bridge", bridge.equals("vmbr0") ? "eno1" : "");
            if (bridge.equals("vmbr0")) {
                String address = SimLan.nodeAddress(context.cluster().nodes().indexOf(node));
                entry.put("method", "static");
                entry.put("address", address);
                entry.put("netmask", String.valueOf(SimLan.PREFIX_LENGTH));
                entry.put("cidr", address + "/" + SimLan.PREFIX_LENGTH);
                entry.put("gateway", SimLan.GATEWAY);
            }
            interfaces.add(entry);
        }
        interfaces.add(entry("eno1", "eth", null));
        return interfaces;
    }

    private List<Map<String, Object>> list(Call call) {
        Optional<String> type = call.param("type");
        List<Map<String, Object>> interfaces = interfaces(call.node());
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
            entry.put("bridge_ports", ports.isEmpty() ? "none" : ports);
            entry.put("bridge_stp", "off");
            entry.put("bridge_fd", "0");
        }
        return entry;
    }
}
