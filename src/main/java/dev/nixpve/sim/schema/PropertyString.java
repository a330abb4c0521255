package dev.nixpve.sim.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port of {@code parse_property_string} from pve-common's {@code JSONSchema.pm}: splits
 * {@code local-lvm:32,discard=on} at commas, resolves the default key, {@code alias} and
 * {@code keyAlias} (net's {@code virtio=MAC} sets model=virtio and macaddr=MAC), normalises boolean
 * spellings to 1/0, then checks the result like an object whose extra keys are errors.
 */
final class PropertyString {

    private static final Pattern KEY_VALUE = Pattern.compile("^([^=]+)=(.+)$", Pattern.UNIX_LINES);
    private static final Pattern BLANK = Pattern.compile("^\\s*$", Pattern.UNIX_LINES);

    private PropertyString() {
    }

    /** The canonical key → value map, or the die message PVE gives (see {@link FormatException}). */
    static Map<String, String> parse(PropertyFormat format, String data, String path, SchemaCheck check)
            throws FormatException {
        Map<String, String> result = new LinkedHashMap<>();
        String defaultKey = null;
        for (String part : data.split(",")) {
            if (BLANK.matcher(part).find()) {
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(part);
            if (kv.find()) {
                keyValue(format, kv.group(1), kv.group(2), result);
            } else if (part.indexOf('=') < 0) {
                if (defaultKey != null) {
                    throw duplicate(defaultKey);
                }
                defaultKey = defaultValue(format, part, result);
            } else {
                throw new FormatException("missing key in comma-separated list property\n");
            }
        }
        ValidationErrors errors = new ValidationErrors();
        check.object(path, format, result, false, errors, null);
        if (!errors.isEmpty()) {
            throw new FormatException("format error\n" + errors.stringified());
        }
        return result;
    }

    private static void keyValue(PropertyFormat format, String key, String value, Map<String, String> result)
            throws FormatException {
        if (result.get(key) != null) { // checked before alias resolution, as PVE does
            throw duplicate(key);
        }
        ParamSchema schema = format.properties().get(key);
        if (schema != null && schema.alias() != null) {
            if (schema.keyAlias() != null) {
                if (result.get(schema.keyAlias()) != null) {
                    throw new FormatException("key alias '" + schema.keyAlias() + "' is already defined\n");
                }
                result.put(schema.keyAlias(), key);
            }
            key = schema.alias();
            schema = format.properties().get(key);
        }
        if (schema == null) {
            throw new FormatException("invalid key in comma-separated list property: " + key + "\n");
        }
        result.put(key, "boolean".equals(schema.type()) ? Perl.parseBoolean(value).orElse(value) : value);
    }

    /** A part without '=' fills the default key, unless that already holds a true value. */
    private static String defaultValue(PropertyFormat format, String part, Map<String, String> result)
            throws FormatException {
        for (var entry : format.sorted().entrySet()) {
            if (entry.getValue().defaultKey()) {
                if (Perl.truthy(result.get(entry.getKey()))) {
                    throw duplicate(entry.getKey());
                }
                result.put(entry.getKey(), part);
                return entry.getKey();
            }
        }
        throw new FormatException("value without key, but schema does not define a default key\n");
    }

    private static FormatException duplicate(String key) {
        return new FormatException("duplicate key in comma-separated list property: " + key + "\n");
    }
}
