package dev.nixpve.proxmox.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.function.Function;

/**
 * PVE's Perl serialiser writes a scalar as a string whenever it was last used as one ("100" for a
 * VMID, "" for a false template flag), and booleans as 0/1, "", or JSON true/false depending on the
 * endpoint and version. This module accepts all of those for every Integer, Long, Double and
 * Boolean in the wire DTOs, so the looseness stops here and never reaches the domain.
 */
final class LenientScalars {

    private LenientScalars() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("pve-lenient-scalars");
        module.addDeserializer(Integer.class, of(LenientScalars::toInteger));
        module.addDeserializer(Long.class, of(LenientScalars::toLong));
        module.addDeserializer(Double.class, of(LenientScalars::toDouble));
        module.addDeserializer(Boolean.class, of(LenientScalars::toBoolean));
        return module;
    }

    static Integer toInteger(JsonNode node) {
        Long value = toLong(node);
        return value == null ? null : Math.toIntExact(value);
    }

    static Long toLong(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asLong();
        }
        String text = node.asText().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return (long) Double.parseDouble(text);
        }
    }

    static Double toDouble(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : Double.parseDouble(text);
    }

    /** 1, "1", true, "true", "on", "yes" are true; 0, "0", "", false, "no", "off" are false. */
    static Boolean toBoolean(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return node.asLong() != 0;
        }
        return switch (node.asText().strip().toLowerCase()) {
            case "1", "true", "on", "yes" -> true;
            default -> false;
        };
    }

    private static <T> JsonDeserializer<T> of(Function<JsonNode, T> convert) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() == JsonToken.VALUE_NULL) {
                    return null;
                }
                JsonNode node = parser.readValueAsTree();
                try {
                    return convert.apply(node);
                } catch (RuntimeException e) {
                    return context.reportInputMismatch(Object.class, "not a number or boolean PVE would send: %s",
                            node);
                }
            }

            @Override
            public T getNullValue(DeserializationContext context) {
                return null;
            }
        };
    }
}
