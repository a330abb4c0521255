package dev.nixpve.sim.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Directory indexes ({@code GET /cluster}, {@code /nodes/{node}/qemu/{vmid}}, {@code /access}...):
 * each lists its subdirectories under one key, as the official schema's children and links name
 * them (PVE writes these lists by hand in each API module). The objects on the path must exist.
 */
final class DirectoryEndpoints {

    private final ApiContext context;
    private final Map<String, Schema.DirectoryIndex> directories;

    DirectoryEndpoints(ApiContext context, Map<String, Schema.DirectoryIndex> directories) {
        this.context = context;
        this.directories = directories;
    }

    /** Adds a route for every directory not already routed by an endpoint of its own. */
    void register(List<Route> routes) {
        Set<String> routed = new java.util.HashSet<>();
        routes.stream().filter(r -> r.method().equals("GET")).forEach(r -> routed.add(r.template()));
        directories.forEach((template, index) -> {
            if (!routed.contains(template)) {
                routes.add(new Route("GET", template, call -> {
                    PathObjects.require(context, call);
                    return index.entries().stream().map(entry -> Map.of(index.key(), entry)).toList();
                }));
            }
        });
    }
}
