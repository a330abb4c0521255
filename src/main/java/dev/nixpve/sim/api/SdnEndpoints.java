package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SDN VNets as pve-network serves them (src/PVE/API2/Network/SDN/Vnets.pm): a VNet is read with
 * SDN.Audit or SDN.Allocate on {@code /sdn/zones/<zone>/<vnet>}, and the list shows only those.
 */
final class SdnEndpoints {

    private static final List<String> READ = List.of("SDN.Audit", "SDN.Allocate");

    private final ApiContext context;

    SdnEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/cluster/sdn/vnets", this::list));
        routes.add(new Route("GET", "/cluster/sdn/vnets/{vnet}", this::read));
    }

    /** The path PVE checks SDN privileges on for a bridge or VNet (pve-guest-common check_vnet_access). */
    static String aclPath(Map<String, String> vnets, String bridge) {
        return "/sdn/zones/" + vnets.getOrDefault(bridge, "localnetwork") + "/" + bridge;
    }

    private List<Map<String, Object>> list(Call call) {
        List<Map<String, Object>> result = new ArrayList<>();
        context.cluster().vnets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(vnet -> {
            if (canRead(call, vnet.getKey())) {
                result.add(view(vnet.getKey(), vnet.getValue()));
            }
        });
        return result;
    }

    private Map<String, Object> read(Call call) {
        String vnet = call.path("vnet");
        String zone = context.cluster().vnets().get(vnet);
        if (zone == null) {
            throw PveError.server("sdn vnet '" + vnet + "' does not exist\n");
        }
        if (!canRead(call, vnet)) {
            throw PveError.permission(aclPath(context.cluster().vnets(), vnet), String.join("|", READ));
        }
        return view(vnet, zone);
    }

    private boolean canRead(Call call, String vnet) {
        String path = aclPath(context.cluster().vnets(), vnet);
        return READ.stream().anyMatch(p -> call.principal().grants().has(path, p));
    }

    private static Map<String, Object> view(String vnet, String zone) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("vnet", vnet);
        view.put("type", "vnet");
        view.put("zone", zone);
        view.put("digest", Integer.toHexString((vnet + zone).hashCode()));
        return view;
    }
}
