package dev.nixpve.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an answer's {@code data} against an endpoint's {@code returns} schema as PVE's JSON
 * carries it: keys not marked optional must be there, and values must have the type, read as
 * Perl's JSON writes them (a number may come as a string, a boolean as 0/1). Keys beyond the
 * schema are allowed, since several of PVE's return schemas are incomplete.
 */
final class ReturnsShape {

    private ReturnsShape() {
    }

    /** What is wrong, one line per problem, each with its JSON path; empty when the answer fits. */
    static List<String> problems(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "data", problems);
        return problems;
    }

    private static void check(JsonNode schema, JsonNode value, String where, List<String> problems) {
        String type = schema.path("type").asText("");
        if (value == null || value.isNull()) {
            if (!type.isEmpty() && !type.equals("null") && !type.equals("any")) {
                problems.add(where + ": null where the schema says " + type);
            }
            return;
        }
        switch (type) {
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": " + kind(value) + " where the schema says array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), where + "[" + i + "]", problems);
                }
            }
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(where + ": " + kind(value) + " where the schema says object");
                    return;
                }
                schema.path("properties").properties().forEach(property -> {
                    JsonNode present = value.get(property.getKey());
                    boolean optional = property.getValue().path("optional").asInt(0) == 1;
                    if (present == null) {
                        if (!optional) {
                            problems.add(where + "." + property.getKey() + ": missing, the schema requires it");
                        }
                    } else {
                        check(property.getValue(), present, where + "." + property.getKey(), problems);
                    }
                });
            }
            case "integer", "number" -> {
                if (!value.isNumber() && !(value.isTextual() && value.asText().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?"))) {
                    problems.add(where + ": " + kind(value) + " " + value + " where the schema says " + type);
                } else if (type.equals("integer") && value.isFloatingPointNumber()) {
                    problems.add(where + ": " + value + " is not an integer");
                }
            }
            case "boolean" -> {
                boolean ok = value.isBoolean() || value.isInt() && (value.asInt() == 0 || value.asInt() == 1)
                        || value.isTextual() && value.asText().matches("0|1");
                if (!ok) {
                    problems.add(where + ": " + value + " is not a boolean as PVE writes them (0/1)");
                }
            }
            case "string" -> {
                if (!value.isTextual() && !value.isNumber()) {
                    problems.add(where + ": " + kind(value) + " where the schema says string");
                } else if (schema.has("enum") && !contains(schema.path("enum"), value.asText())) {
                    problems.add(where + ": '" + value.asText() + "' is not one of " + schema.path("enum"));
                }
            }
            case "null" -> problems.add(where + ": " + kind(value) + " where the schema says null");
            default -> {
                // "any", or no type: anything goes
            }
        }
    }

    private static boolean contains(JsonNode array, String text) {
        for (JsonNode item : array) {
            if (item.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static String kind(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
