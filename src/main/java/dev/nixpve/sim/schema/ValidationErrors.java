package dev.nixpve.sim.schema;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * PVE's parameter error map ({@code errors} in a 400 body): parameter path to message. Two messages
 * for one path are joined the way {@code JSONSchema::add_error} does, with a literal backslash-n
 * (its join string is single-quoted Perl).
 */
public final class ValidationErrors {

    /** Reason phrase (and {@code message}) of the 400 response that carries these errors. */
    public static final String REASON = "Parameter verification failed.";

    private final Map<String, String> errors = new TreeMap<>();

    ValidationErrors() {
    }

    static ValidationErrors of(String path, String message) {
        ValidationErrors single = new ValidationErrors();
        single.add(path, message);
        return single;
    }

    void add(String path, String message) {
        String key = path == null || path.isEmpty() ? "_root" : path;
        errors.merge(key, message, (old, added) -> old + "\\n" + added);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Sorted by path; PVE's own order is Perl hash order, i.e. none. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(errors);
    }

    /** The lines {@code PVE::Exception::stringify} appends for its errors: "path: message\n" each. */
    String stringified() {
        StringBuilder text = new StringBuilder();
        errors.forEach((path, message) -> text.append(path).append(": ").append(message).append('\n'));
        return text.toString();
    }

    @Override
    public String toString() {
        return errors.toString();
    }
}
