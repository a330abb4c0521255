package dev.nixpve.sim.http;

import java.util.Map;
import java.util.TreeMap;

/**
 * A failure the simulator answers the way PVE would: status, reason phrase (the first line of the
 * message, which is all older clients can read), full message and, for 400, the per-parameter
 * errors object. State code throws it; the API layer renders it.
 */
public final class PveError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final Map<String, String> errors;

    private PveError(int status, String reason, String message, Map<String, String> errors) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
        this.errors = new TreeMap<>(errors);
    }

    /** PVE's generic {@code die} in a handler: 500, reason = first line of the message. */
    public static PveError server(String message) {
        return new PveError(500, firstLine(message), message, Map.of());
    }

    /** {@code raise_param_exc}: 400 "Parameter verification failed." with the errors object. */
    public static PveError parameters(Map<String, String> errors) {
        return new PveError(400, "Parameter verification failed.", "Parameter verification failed.", errors);
    }

    public static PveError parameter(String name, String message) {
        return parameters(Map.of(name, message));
    }

    /** A 400 that is not a parameter check (e.g. a duplicated path parameter). */
    public static PveError badRequest(String message) {
        return new PveError(400, firstLine(message), message, Map.of());
    }

    /** {@code raise_perm_exc}: 403 naming the ACL path and the privilege(s). */
    public static PveError permission(String path, String privileges) {
        String message = "Permission check failed (" + path + ", " + privileges + ")";
        return new PveError(403, message, message, Map.of());
    }

    public static PveError forbidden(String message) {
        return new PveError(403, message, message, Map.of());
    }

    /** 401: PVE sends no body and holds the answer back; the reason says why. */
    public static PveError unauthorized(String reason) {
        return new PveError(401, reason, reason, Map.of());
    }

    /** A handler's error with a status of its own ({@code PVE::Exception->new($msg, code => 404)}). */
    public static PveError withStatus(int status, String message) {
        return new PveError(status, firstLine(message), message, Map.of());
    }

    public static PveError notImplemented(String message) {
        return new PveError(501, message, message, Map.of());
    }

    /** pveproxy could not forward the call to the target node (AnyEvent::HTTP pseudo-status). */
    public static PveError proxy(int status, String message) {
        return new PveError(status, message, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Map<String, String> errors() {
        return errors;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
