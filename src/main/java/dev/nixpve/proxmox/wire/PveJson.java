package dev.nixpve.proxmox.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one ObjectMapper for PVE payloads: unknown fields ignored (they come and go between versions). */
public final class PveJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(LenientScalars.module())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private PveJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        return MAPPER.convertValue(node, type);
    }
}
