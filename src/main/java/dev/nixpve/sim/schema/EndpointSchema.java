package dev.nixpve.sim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * One API method: its parameter schema and the call facts pveproxy acts on before the handler runs.
 * {@code permissions} is the schema's {@code check}/{@code user} object (absent means root only);
 * {@code indexMax} holds the highest index of each {@code [n]} family (scsi → 30).
 */
public record EndpointSchema(
        String method,
        String path,
        boolean additionalProperties,
        boolean allowToken,
        boolean protectedCall,
        Optional<String> proxyTo,
        Optional<JsonNode> permissions,
        Map<String, ParamSchema> properties,
        Map<String, Integer> indexMax) implements PropertyLookup {

    public EndpointSchema {
        properties = Map.copyOf(properties);
        indexMax = Map.copyOf(indexMax);
        permissions = permissions.map(JsonNode::deepCopy);
    }

    /** "POST /nodes/{node}/qemu". */
    public String key() {
        return method + " " + path;
    }

    /** The schema of a parameter, resolving families: "scsi30" is "scsi[n]", "scsi31" is nothing. */
    @Override
    public Optional<ParamSchema> property(String name) {
        Optional<ParamSchema> direct = PropertyLookup.direct(properties, name);
        if (direct.isPresent()) {
            return direct;
        }
        return new IndexedKeys(indexMax).family(name).map(family -> properties.get(family + "[n]"));
    }

    @Override
    public Optional<JsonNode> permissions() {
        return permissions.map(JsonNode::deepCopy);
    }
}
