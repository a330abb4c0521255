package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.List;

/**
 * Ceph, which no simulated node has installed: every read fails as pve-manager's
 * PVE/Ceph/Tools.pm check_ceph_inited and check_ceph_configured do when the monitor binary is missing.
 */
final class CephEndpoints {

    void register(List<Route> routes) {
        // API2/Cluster/Ceph.pm metadata answers scope=versions before it checks for Ceph: no node has a version
        routes.add(new Route("GET", "/cluster/ceph/metadata", call -> {
            if (call.param("scope").filter("versions"::equals).isPresent()) {
                return java.util.Map.of();
            }
            throw notInstalled();
        }));
        for (String path : List.of("/cluster/ceph/status", "/cluster/ceph/flags", "/cluster/ceph/flags/{flag}")) {
            routes.add(new Route("GET", path, call -> {
                throw notInstalled();
            }));
        }
    }

    private static PveError notInstalled() {
        return PveError.server("binary not installed: /usr/bin/ceph-mon\n");
    }
}
