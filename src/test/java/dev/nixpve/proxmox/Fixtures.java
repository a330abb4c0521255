package dev.nixpve.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Recorded PVE responses from {@code src/test/resources/pve-fixtures} (sources in its README).
 * Status and reason phrase come from the recording's {@code index.json}; "data only" recordings
 * are wrapped back into PVE's {@code {"data": ...}} envelope.
 */
public final class Fixtures {

    /** A recorded response: body as bytes on the wire, status and reason phrase. */
    public record Fixture(String body, int status, String reason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode INDEX = readIndex();

    private Fixtures() {
    }

    public static Fixture load(String file) {
        JsonNode entry = entry(file);
        String body = read("/pve-fixtures/" + file);
        if (entry.path("envelope").asText().startsWith("data")) {
            body = "{\"data\":" + body + "}";
        }
        String reason = entry.path("reason").isTextual() ? entry.path("reason").asText() : "OK";
        return new Fixture(body, entry.path("http_status").asInt(200), reason);
    }

    private static JsonNode entry(String file) {
        for (JsonNode entry : INDEX) {
            if (entry.path("file").asText().equals(file)) {
                return entry;
            }
        }
        throw new IllegalArgumentException("no fixture " + file + " in index.json");
    }

    private static JsonNode readIndex() {
        try {
            return JSON.readTree(read("/pve-fixtures/index.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
