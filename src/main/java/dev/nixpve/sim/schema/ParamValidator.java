package dev.nixpve.sim.schema;

import java.math.BigInteger;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Validates one request like pveproxy and {@code PVE::RESTHandler::handle} do: a body or query value
 * that contradicts a path variable is refused first, then path variables and request values are
 * validated together against the method's schema ({@code JSONSchema::validate}).
 */
public final class ParamValidator {

    /** From pve-manager's {@code PVE/HTTPServer.pm} rest_handler. */
    public static final String CONFLICT = "duplicate parameter (already defined in URI) with conflicting values!";

    private final SchemaCheck check;

    ParamValidator(NamedFormats formats) {
        this.check = new SchemaCheck(formats);
    }

    /**
     * @param params raw values from the query string or form body; a key sent twice has two values,
     *               which PVE sees as an array and refuses for every scalar type
     */
    public Validation validate(EndpointMatch match, Map<String, List<String>> params) {
        Map<String, String> uri = match.pathVariables();
        for (String name : new TreeSet<>(params.keySet())) {
            String fromUri = uri.get(name);
            if (fromUri != null && !List.of(fromUri).equals(params.get(name))) {
                return new Validation.Rejected(ValidationErrors.of(name, CONFLICT));
            }
        }
        Map<String, Object> values = new TreeMap<>(uri);
        params.forEach((name, list) -> values.put(name, list.size() == 1 ? list.get(0)
                : list.isEmpty() ? "" : List.copyOf(list)));

        ValidationErrors errors = new ValidationErrors();
        Map<String, Object> parsed = new HashMap<>();
        EndpointSchema endpoint = match.endpoint();
        check.object("", endpoint, values, endpoint.additionalProperties(), errors, parsed);
        if (!errors.isEmpty()) {
            return new Validation.Rejected(errors);
        }
        return new Validation.Accepted(typed(endpoint, values, parsed));
    }

    @SuppressWarnings("unchecked")
    private static ValidatedParams typed(EndpointSchema endpoint, Map<String, Object> values, Map<String, Object> parsed) {
        Map<String, String> raw = new TreeMap<>();
        Map<String, Object> typed = new TreeMap<>();
        Map<String, Map<String, String>> propertyStrings = new TreeMap<>();
        Map<String, List<String>> lists = new TreeMap<>();
        values.forEach((name, value) -> {
            if (!(value instanceof String text)) {
                return; // only an additionalProperties schema lets an array through
            }
            raw.put(name, text);
            String type = endpoint.property(name).map(ParamSchema::type).orElse("string");
            switch (type) {
                case "boolean" -> typed.put(name, text.equals("1"));
                case "integer" -> typed.put(name, integer(text));
                case "number" -> typed.put(name, Double.valueOf(text));
                default -> typed.put(name, text);
            }
        });
        parsed.forEach((name, result) -> {
            if (result instanceof Map<?, ?> map) {
                propertyStrings.put(name, Collections.unmodifiableMap(new TreeMap<>((Map<String, String>) map)));
            } else if (result instanceof List<?> list) {
                lists.put(name, List.copyOf((List<String>) list));
            }
        });
        return new ValidatedParams(raw, typed, propertyStrings, lists);
    }

    private static Number integer(String text) {
        BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }
}
