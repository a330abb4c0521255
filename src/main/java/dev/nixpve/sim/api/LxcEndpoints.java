package dev.nixpve.sim.api;

import java.util.List;
import java.util.Set;

/**
 * Containers: the simulator runs none, so a node lists none and every read of one fails as
 * pve-container's load_config does when the config file is missing.
 */
final class LxcEndpoints {

    private static final String CONTAINER = "/nodes/{node}/lxc/{vmid}";

    private final ApiContext context;

    LxcEndpoints(ApiContext context) {
        this.context = context;
    }

    /** {@code getTemplates}: the schema's GET paths, of which those under one container are routed here. */
    void register(List<Route> routes, Set<String> getTemplates) {
        routes.add(new Route("GET", "/nodes/{node}/lxc", Fixed.emptyList(context)));
        getTemplates.stream().filter(t -> t.equals(CONTAINER) || t.startsWith(CONTAINER + "/"))
                .forEach(t -> routes.add(new Route("GET", t, call -> {
                    PathObjects.require(context, call);
                    throw PathObjects.noContainer(call);
                })));
    }
}
