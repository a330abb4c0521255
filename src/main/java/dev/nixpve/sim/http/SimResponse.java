package dev.nixpve.sim.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP response with PVE's traits: its own reason phrase (PVE puts error text there), and an
 * optional delay (PVE holds back every failed authentication for 3 s).
 */
public record SimResponse(int status, String reason, Map<String, String> headers, byte[] body, Duration delay) {

    public SimResponse {
        headers = Map.copyOf(headers);
    }

    public static SimResponse json(int status, String reason, String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json;charset=UTF-8");
        return new SimResponse(status, reason, headers, json.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    /** pve-http-server's {@code error()}: the message is the reason phrase and the body, with no content type. */
    public static SimResponse text(int status, String message) {
        return new SimResponse(status, message, Map.of(), message.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    public static SimResponse empty(int status, String reason) {
        return new SimResponse(status, reason, Map.of(), new byte[0], Duration.ZERO);
    }

    public SimResponse delayed(Duration value) {
        return new SimResponse(status, reason, headers, body, value);
    }

    public boolean isError() {
        return status >= 400;
    }
}
