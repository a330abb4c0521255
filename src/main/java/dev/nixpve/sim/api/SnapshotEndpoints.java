package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.SimVm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VM's snapshots (qemu-server API2/Qemu.pm snapshot_list, get_snapshot_config). The simulator
 * takes none, so the list holds only the entry PVE always adds: {@code current}, "You are here!".
 */
final class SnapshotEndpoints {

    private static final String SNAPSHOT = "/nodes/{node}/qemu/{vmid}/snapshot";

    private final ApiContext context;

    SnapshotEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", SNAPSHOT, this::list));
        routes.add(new Route("GET", SNAPSHOT + "/{snapname}/config", call -> {
            context.cluster().requireVm(call.node(), call.vmid());
            throw PveError.server("snapshot '" + call.path("snapname") + "' does not exist\n");
        }));
    }

    private List<Map<String, Object>> list(Call call) {
        SimVm vm = context.cluster().requireVm(call.node(), call.vmid());
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("name", "current");
        current.put("digest", vm.digest());
        current.put("running", vm.running() ? 1 : 0);
        current.put("description", "You are here!");
        return List.of(current);
    }
}
