package dev.nixpve.sim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code dev/nixpve/sim/pve-api-params.json} from the class path, once. */
final class SchemaResource {

    static final String RESOURCE = "/dev/nixpve/sim/pve-api-params.json";

    private static Map<PveVersion, ApiSchema> schemas;

    private SchemaResource() {
    }

    static synchronized Map<PveVersion, ApiSchema> schemas() {
        if (schemas == null) {
            schemas = read(tree());
        }
        return schemas;
    }

    /** The resource as JSON, for callers that check its facts rather than use them. */
    static JsonNode tree() {
        try (InputStream in = SchemaResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Map<PveVersion, ApiSchema> read(JsonNode root) {
        Map<PveVersion, ApiSchema> result = new EnumMap<>(PveVersion.class);
        root.path("versions").properties().forEach(v -> {
            PveVersion version = PveVersion.fromLabel(v.getKey());
            JsonNode data = v.getValue();
            Map<String, Integer> indexMax = new HashMap<>();
            data.path("index_max").properties().forEach(e -> indexMax.put(e.getKey(), e.getValue().asInt()));
            Map<String, PropertyFormat> formats = new HashMap<>();
            data.path("named_formats").properties().forEach(e -> formats.put(e.getKey(), SchemaJson.format(e.getValue())));
            Map<String, EndpointSchema> endpoints = new LinkedHashMap<>();
            data.path("endpoints").properties().forEach(e -> {
                if (!e.getValue().isNull()) { // null: the endpoint does not exist in this version
                    endpoints.put(e.getKey(), SchemaJson.endpoint(e.getKey(), e.getValue(), indexMax));
                }
            });
            Map<String, ApiSchema.Directory> directories = new HashMap<>();
            data.path("directories").properties().forEach(e -> {
                java.util.List<String> entries = new java.util.ArrayList<>();
                e.getValue().path("entries").forEach(entry -> entries.add(entry.asText()));
                directories.put(e.getKey(), new ApiSchema.Directory(e.getValue().path("key").asText(), entries));
            });
            result.put(version, new ApiSchema(version, endpoints, indexMax, formats, directories));
        });
        for (PveVersion version : PveVersion.values()) {
            if (!result.containsKey(version)) {
                throw new IllegalStateException(RESOURCE + " has no schema for PVE " + version.label());
            }
        }
        return Map.copyOf(result);
    }
}
