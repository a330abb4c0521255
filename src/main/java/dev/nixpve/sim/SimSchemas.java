package dev.nixpve.sim;

import dev.nixpve.sim.http.PveError;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.sim.api.EndpointRules;
import dev.nixpve.sim.api.Schema;
import dev.nixpve.sim.api.SimVersion;
import dev.nixpve.sim.schema.ApiSchema;
import dev.nixpve.sim.schema.EndpointMatch;
import dev.nixpve.sim.schema.EndpointSchema;
import dev.nixpve.sim.schema.PveVersion;
import dev.nixpve.sim.schema.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Adapts the official schema's derived facts ({@link ApiSchema}) to the simulator's API layer. */
final class SimSchemas {

    private SimSchemas() {
    }

    static Schema forVersion(SimVersion version) {
        ApiSchema schema = ApiSchema.of(version == SimVersion.PVE_8_4 ? PveVersion.V8_4 : PveVersion.V9_1);
        Map<String, Schema.DirectoryIndex> directories = new java.util.TreeMap<>();
        schema.directories().forEach((template, index) ->
                directories.put(template, new Schema.DirectoryIndex(index.key(), index.entries())));
        return new Schema() {
            @Override
            public Optional<EndpointRules> rules(String method, String template) {
                return schema.endpoint(method, template).map(endpoint -> SimSchemas.rules(schema, endpoint));
            }

            @Override
            public java.util.Set<String> templates(String method) {
                return schema.endpointKeys().stream().filter(key -> key.startsWith(method + " "))
                        .map(key -> key.substring(method.length() + 1))
                        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
            }

            @Override
            public Map<String, Schema.DirectoryIndex> directories() {
                return directories;
            }
        };
    }

    static EndpointRules rules(ApiSchema schema, EndpointSchema endpoint) {
        List<Object> check = endpoint.permissions().map(p -> p.path("check")).filter(JsonNode::isArray)
                .map(SimSchemas::toList).orElse(List.of());
        return new EndpointRules() {
            @Override
            public List<Object> permissionCheck() {
                return check;
            }

            @Override
            public boolean allowToken() {
                return endpoint.allowToken();
            }

            @Override
            public boolean proxied() {
                return endpoint.proxyTo().isPresent();
            }

            @Override
            public Map<String, String> validate(Map<String, String> pathVariables, Map<String, List<String>> params) {
                Validation result = schema.validate(new EndpointMatch(endpoint, pathVariables), params);
                if (result instanceof Validation.Rejected rejected) {
                    throw PveError.parameters(rejected.errors().asMap());
                }
                return ((Validation.Accepted) result).params().raw();
            }
        };
    }

    private static List<Object> toList(JsonNode array) {
        List<Object> list = new ArrayList<>();
        array.forEach(item -> list.add(item.isArray() ? toList(item) : item.isNumber() ? item.numberValue()
                : item.asText()));
        return list;
    }

    /** Whether a VM config key holds an integer or boolean, which GET config returns as a JSON number. */
    static Optional<String> configType(SimVersion version, String key) {
        ApiSchema schema = ApiSchema.of(version == SimVersion.PVE_8_4 ? PveVersion.V8_4 : PveVersion.V9_1);
        return schema.endpoint("POST", "/nodes/{node}/qemu").flatMap(e -> e.property(key)).map(p -> p.type());
    }
}
