package dev.nixpve.sim.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A port of {@code check_object}, {@code check_prop} and {@code check_type} from pve-common's
 * {@code src/PVE/JSONSchema.pm}: the same checks in the same order, the same messages. A value is a
 * String, a List (a form key sent twice, which Perl sees as an ARRAY ref) or null (absent).
 * Format results (parsed property strings, split lists) are reported to {@code parsed} by path.
 */
final class SchemaCheck {

    private final NamedFormats formats;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    SchemaCheck(NamedFormats formats) {
        this.formats = formats;
    }

    void object(String path, PropertyLookup schema, Map<String, ?> value, boolean additionalProperties,
                ValidationErrors errors, Map<String, Object> parsed) {
        new TreeMap<>(schema.properties()).forEach((key, sub) -> {
            if (!PropertyLookup.isFamily(key)) {
                prop(value.get(key), sub, join(path, key), errors, parsed);
            }
        });
        for (String key : new TreeMap<>(value).keySet()) {
            String keyPath = join(path, key);
            var sub = schema.property(key);
            if (sub.isPresent()) {
                if (!schema.properties().containsKey(key)) { // a family member such as scsi0
                    prop(value.get(key), sub.get(), keyPath, errors, parsed);
                }
                String requires = sub.get().requires();
                if (requires != null && value.get(requires) == null) {
                    errors.add(join(path, requires), "missing property - '" + keyPath + "' requires this property");
                }
                continue;
            }
            if (!additionalProperties) {
                errors.add(keyPath, "property is not defined in schema and the schema does not allow additional properties");
            }
        }
    }

    void prop(Object value, ParamSchema schema, String path, ValidationErrors errors, Map<String, Object> parsed) {
        if (value == null) {
            if (!schema.optional() && schema.alias() == null) {
                errors.add(path, "property is missing and it is not optional");
            }
            return;
        }
        if (!type(path, schema.type(), value, errors) || !(value instanceof String text)) {
            return; // arrays: none of the simulated endpoints declares one
        }
        if (schema.hasFormat()) {
            try {
                Object result = formats.check(schema, text, path, this);
                if (result != null && parsed != null) {
                    parsed.put(path, result);
                }
            } catch (FormatException e) {
                errors.add(path, "invalid format - " + e.pveMessage());
                return;
            }
        }
        if (schema.pattern() != null && !Perl.matches(pattern(schema.pattern()), text)) {
            errors.add(path, "value does not match the regex pattern");
            return;
        }
        int length = text.codePointCount(0, text.length());
        if (schema.maxLength() != null && length > schema.maxLength()) {
            errors.add(path, "value may only be " + schema.maxLength() + " characters long");
            return;
        }
        if (schema.minLength() != null && length < schema.minLength()) {
            errors.add(path, "value must be at least " + schema.minLength() + " characters long");
            return;
        }
        if (Perl.isNumber(text)) {
            BigDecimal number = new BigDecimal(text);
            if (schema.maximum() != null && number.compareTo(schema.maximum().value()) > 0) {
                errors.add(path, "value must have a maximum value of " + schema.maximum().text());
                return;
            }
            if (schema.minimum() != null && number.compareTo(schema.minimum().value()) < 0) {
                errors.add(path, "value must have a minimum value of " + schema.minimum().text());
                return;
            }
        }
        if (schema.enumValues() != null && !schema.enumValues().contains(text)) {
            errors.add(path, "value '" + text + "' does not have a value in the enumeration '"
                    + String.join(", ", schema.enumValues()) + "'");
        }
    }

    /** check_type for a defined value. Form values are plain strings, so only "1" and "0" are booleans. */
    private static boolean type(String path, String type, Object value, ValidationErrors errors) {
        if (type == null || type.equals("any")) {
            return true;
        }
        boolean array = value instanceof List;
        String failed = "type check ('" + type + "') failed";
        switch (type) {
            case "null" -> errors.add(path, failed + " - value is not null");
            case "array" -> {
                if (array) {
                    return true;
                }
                errors.add(path, failed);
            }
            case "object", "coderef" -> errors.add(path, failed);
            default -> {
                if (array) {
                    errors.add(path, failed + " - got ARRAY");
                    return false;
                }
                String text = (String) value;
                boolean ok = switch (type) {
                    case "boolean" -> text.equals("1") || text.equals("0");
                    case "integer" -> Perl.isInteger(text);
                    case "number" -> Perl.isNumber(text);
                    default -> true;
                };
                if (ok) {
                    return true;
                }
                errors.add(path, failed + " - got '" + text + "'");
            }
        }
        return false;
    }

    private Pattern pattern(String perlRegex) {
        return patterns.computeIfAbsent(perlRegex, Perl::anchored);
    }

    private static String join(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }
}
