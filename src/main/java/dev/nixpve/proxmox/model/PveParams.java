package dev.nixpve.proxmox.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parameters for a PVE call, in insertion order. Values are kept as PVE wants them on the wire:
 * booleans as 1/0 (a form "true" is rejected with a 400), numbers as decimal text.
 */
public final class PveParams {

    private static final Set<String> SECRET_KEYS = Set.of("password", "cipassword", "sshkeys");

    private final Map<String, String> values = new LinkedHashMap<>();

    public static PveParams of() {
        return new PveParams();
    }

    public PveParams put(String key, String value) {
        values.put(key, value);
        return this;
    }

    public PveParams put(String key, long value) {
        return put(key, Long.toString(value));
    }

    public PveParams put(String key, boolean value) {
        return put(key, value ? "1" : "0");
    }

    public PveParams putAll(PveParams other) {
        values.putAll(other.values);
        return this;
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** For plans and logs: every value, but secrets masked. */
    public Map<String, String> masked() {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, SECRET_KEYS.contains(k) ? "***" : v));
        return copy;
    }

    @Override
    public String toString() {
        return masked().toString();
    }
}
