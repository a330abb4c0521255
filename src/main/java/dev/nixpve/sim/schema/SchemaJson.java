package dev.nixpve.sim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the schema's JSON shape into records. The schema writes flags as 1/0 (sometimes "1"), and
 * bounds as numbers or numeric strings (clone's {@code bwlimit.minimum} is "0"); both are absorbed here.
 */
final class SchemaJson {

    private SchemaJson() {
    }

    static EndpointSchema endpoint(String key, JsonNode json, Map<String, Integer> indexMax) {
        int space = key.indexOf(' ');
        Map<String, ParamSchema> properties = new LinkedHashMap<>();
        json.path("properties").properties().forEach(e -> properties.put(e.getKey(), param(e.getValue())));
        return new EndpointSchema(
                key.substring(0, space),
                key.substring(space + 1),
                flag(json, "additionalProperties", false),
                flag(json, "allowtoken", true),
                flag(json, "protected", false),
                Optional.ofNullable(text(json, "proxyto")),
                Optional.ofNullable(json.get("permissions")),
                properties,
                indexMax);
    }

    static PropertyFormat format(JsonNode json) {
        Map<String, ParamSchema> keys = new LinkedHashMap<>();
        json.properties().forEach(e -> keys.put(e.getKey(), param(e.getValue())));
        return new PropertyFormat(keys);
    }

    static ParamSchema param(JsonNode json) {
        JsonNode format = json.get("format");
        return new ParamSchema(
                text(json, "type"),
                flag(json, "optional", false),
                text(json, "default"),
                strings(json.get("enum")),
                format != null && format.isTextual() ? format.asText() : null,
                format != null && format.isObject() ? format(format) : null,
                text(json, "pattern"),
                limit(json.get("minimum")),
                limit(json.get("maximum")),
                integer(json.get("minLength")),
                integer(json.get("maxLength")),
                text(json, "requires"),
                flag(json, "default_key", false),
                text(json, "alias"),
                text(json, "keyAlias"));
    }

    private static boolean flag(JsonNode json, String name, boolean absent) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? absent : Perl.truthy(value.asText());
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null; // download-url's compression enum is null in the schema: PVE checks nothing then
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Integer integer(JsonNode value) {
        return value == null || value.isNull() ? null : Integer.valueOf(value.asText());
    }

    /** Perl prints 128 as "128" and 0.1 as "0.1"; a numeric string prints as written. */
    private static ParamSchema.Limit limit(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        BigDecimal number = new BigDecimal(value.asText());
        String text = value.isTextual() ? value.asText() : number.stripTrailingZeros().toPlainString();
        return new ParamSchema.Limit(number, text);
    }
}
