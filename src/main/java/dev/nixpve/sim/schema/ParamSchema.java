package dev.nixpve.sim.schema;

import java.math.BigDecimal;
import java.util.List;

/**
 * The validation facts of one parameter or property-string key, as PVE's JSON schema states them.
 * {@code format} names a registered format; {@code objectFormat} is an inline property-string
 * format. Alias entries ({@code volume} for {@code file}) have only {@code alias}/{@code keyAlias}.
 */
public record ParamSchema(
        String type,
        boolean optional,
        String defaultValue,
        List<String> enumValues,
        String format,
        PropertyFormat objectFormat,
        String pattern,
        Limit minimum,
        Limit maximum,
        Integer minLength,
        Integer maxLength,
        String requires,
        boolean defaultKey,
        String alias,
        String keyAlias) {

    /** A bound with the text PVE prints in its message ("value must have a minimum value of 100"). */
    public record Limit(BigDecimal value, String text) {
    }

    public ParamSchema {
        enumValues = enumValues == null ? null : List.copyOf(enumValues);
    }

    public boolean hasFormat() {
        return format != null || objectFormat != null;
    }
}
