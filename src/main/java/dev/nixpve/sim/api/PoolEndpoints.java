package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.List;

/** Resource pools (pve-manager PVE/API2/Pool.pm): the simulator has none. */
final class PoolEndpoints {

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/pools", call -> List.of()));
        routes.add(new Route("GET", "/pools/{poolid}", call -> {
            throw PveError.server("pool '" + call.path("poolid") + "' does not exist\n");
        }));
    }
}
