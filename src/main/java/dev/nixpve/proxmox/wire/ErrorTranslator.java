package dev.nixpve.proxmox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveApiException.Kind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where an HTTP error becomes a domain error. PVE puts its error text in the reason
 * phrase (older servers: only there) and, from libpve-http-server-perl 5.2.0, also in a "message"
 * member; parameter errors come as an "errors" object; 401s have an empty body.
 */
final class ErrorTranslator {

    private ErrorTranslator() {
    }

    static PveApiException translate(ApiRequest request, int status, String reasonPhrase, String body,
                                     String identity) {
        JsonNode json = parse(body);
        String message = firstNonBlank(json.path("message").asText(""), reasonPhrase, plainText(body, json));
        Map<String, String> errors = new LinkedHashMap<>();
        json.path("errors").fields().forEachRemaining(e -> errors.put(e.getKey(), e.getValue().asText().strip()));
        Kind kind = status == 400 && errors.containsValue(NO_SUCH_STORAGE) ? Kind.NOT_FOUND : kind(status, message);
        return new PveApiException(kind, status, message.strip(), errors, request.operation(), request.resource(),
                identity);
    }

    /** pve-storage's Status.pm answers a storage it does not know with this parameter error, not a 500. */
    private static final String NO_SUCH_STORAGE = "No such storage.";

    static Kind kind(int status, String message) {
        if (status == 401) {
            return Kind.AUTHENTICATION;
        }
        if (status == 403) {
            return Kind.PERMISSION;
        }
        if (status == 400) {
            return Kind.INVALID_PARAMETER;
        }
        if (status == 501) {
            return Kind.NOT_IMPLEMENTED;
        }
        if (status >= 590 && status <= 599) {
            return Kind.PROXY;
        }
        if (status == 500) {
            return kindOf500(message);
        }
        return Kind.SERVER;
    }

    /**
     * Whether {@code error} may heal by itself, so that a call safe to repeat is tried again. Only
     * a 500 whose text names a passing cause is: PVE answers its domain errors ("does not exist",
     * "already exists", "VM is locked", "not running", "can't convert ...") with a 500 too, and
     * those come back the same however often they are asked.
     */
    static boolean isTransient(PveApiException error) {
        return error.kind() == Kind.TRANSIENT;
    }

    /**
     * The texts of PVE's passing 500s: pve-common Tools.pm lock_file_full ("can't lock file '...' -
     * got timeout") and run_command ("got timeout"); pve-cluster Cluster.pm cfs_lock ("cfs-lock
     * '...' error: got lock request timeout"); pmxcfs' IPC ("ipcc_send_rec[N] failed: ...");
     * pveproxy reaching pvedaemon ("Connection refused", "Connection reset by peer").
     */
    private static final java.util.regex.Pattern PASSING = java.util.regex.Pattern.compile(
            "got timeout|got lock request timeout|ipcc_send_rec|connection refused|connection reset|"
                    + "resource temporarily unavailable|broken pipe");

    /** PVE answers most domain errors with a 500 whose text is the only distinction. */
    private static Kind kindOf500(String message) {
        String text = message.toLowerCase();
        if (text.contains("is locked")) {
            return Kind.LOCKED; // "VM is locked (backup)" stays until the backup ends: not a passing cause
        }
        if (PASSING.matcher(text).find()) {
            return Kind.TRANSIENT;
        }
        if (text.contains("does not exist") || text.contains("no such")) {
            return Kind.NOT_FOUND;
        }
        if (text.contains("already exists")) {
            return Kind.ALREADY_EXISTS;
        }
        if (text.contains("checksum mismatch (file change by other user")) {
            return Kind.DIGEST_MISMATCH;
        }
        return Kind.SERVER;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return PveJson.mapper().createObjectNode();
        }
        try {
            return PveJson.mapper().readTree(body);
        } catch (Exception notJson) {
            return PveJson.mapper().createObjectNode();
        }
    }

    /** A 501 may come as plain text rather than JSON. */
    private static String plainText(String body, JsonNode json) {
        return json.isEmpty() && body != null && body.length() < 500 ? body.strip() : "";
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "";
    }
}
