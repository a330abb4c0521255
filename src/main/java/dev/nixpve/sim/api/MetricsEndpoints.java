package dev.nixpve.sim.api;

import dev.nixpve.sim.state.SimNode;
import dev.nixpve.sim.state.SimVm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Metrics (pve-manager API2/Cluster/MetricServer.pm): no external metric server is configured,
 * and the export holds the current gauges of each online node and each running VM, under the ids
 * /cluster/resources uses.
 */
final class MetricsEndpoints {

    private final ApiContext context;

    MetricsEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/cluster/metrics/server", call -> List.of()));
        routes.add(new Route("GET", "/cluster/metrics/server/{id}", Fixed.missing(context,
                call -> "status server entry '" + call.path("id") + "' does not exist")));
        routes.add(new Route("GET", "/cluster/metrics/export", call -> Map.of("data", export())));
    }

    private List<Map<String, Object>> export() {
        long now = context.now().getEpochSecond();
        List<Map<String, Object>> data = new ArrayList<>();
        for (SimNode node : context.cluster().nodes()) {
            if (node.online()) {
                String id = "node/" + node.name();
                data.add(gauge(id, "cpu_current", 0.0123, now));
                data.add(gauge(id, "mem_total", 32L << 30, now));
                data.add(gauge(id, "mem_used", 6L << 30, now));
            }
        }
        for (SimVm vm : context.cluster().vms()) {
            if (vm.running()) {
                data.add(gauge("qemu/" + vm.vmid(), "cpu_current", 0.02, now));
            }
        }
        return data;
    }

    private static Map<String, Object> gauge(String id, String metric, Object value, long timestamp) {
        return Map.of("id", id, "metric", metric, "type", "gauge", "value", value, "timestamp", timestamp);
    }
}
