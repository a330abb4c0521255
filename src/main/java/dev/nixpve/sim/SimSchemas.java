package dev.nixpve.sim;

import dev.nixpve.sim.api.EndpointRules;
import dev.nixpve.sim.api.Schema;
import dev.nixpve.sim.api.SimVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** TEMPORARY until the schema facts land: accepts every parameter. */
final class SimSchemas {

    private SimSchemas() {
    }

    static Schema forVersion(SimVersion version) {
        return (method, template) -> Optional.of(new EndpointRules() {
            @Override
            public List<Object> permissionCheck() {
                return List.of();
            }

            @Override
            public boolean allowToken() {
                return !template.equals("/access/ticket");
            }

            @Override
            public boolean proxied() {
                return template.startsWith("/nodes/{node}") && !template.endsWith("/upload");
            }

            @Override
            public Map<String, String> validate(Map<String, String> pathVariables, Map<String, List<String>> params) {
                Map<String, String> flat = new LinkedHashMap<>();
                params.forEach((k, v) -> flat.put(k, v.get(v.size() - 1)));
                return flat;
            }
        });
    }
}
