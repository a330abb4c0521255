package dev.nixpve.proxmox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/** A successful answer: the envelope's {@code data}, and {@code total} where PVE pages (task logs). */
public record ApiResponse(JsonNode data, OptionalLong total) {
}
