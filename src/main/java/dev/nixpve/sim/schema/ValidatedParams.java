package dev.nixpve.sim.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parameters that passed validation, path variables included. Values stay available as sent
 * ({@link #raw}) and typed by the schema: booleans, integers and numbers, property strings parsed
 * to their canonical keys, and {@code -list} formats split the way PVE splits them.
 */
public record ValidatedParams(
        Map<String, String> raw,
        Map<String, Object> typed,
        Map<String, Map<String, String>> propertyStrings,
        Map<String, List<String>> lists) {

    public ValidatedParams {
        raw = Map.copyOf(raw);
        typed = Map.copyOf(typed);
        propertyStrings = Map.copyOf(propertyStrings);
        lists = Map.copyOf(lists);
    }

    public boolean has(String name) {
        return raw.containsKey(name);
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(raw.get(name));
    }

    /** Integer parameters; PVE accepts a sign and leading zeros ("+0100" is 100). */
    public Optional<Long> integer(String name) {
        return Optional.ofNullable(typed.get(name)).map(v -> ((Number) v).longValue());
    }

    public Optional<Double> number(String name) {
        return Optional.ofNullable(typed.get(name)).map(v -> ((Number) v).doubleValue());
    }

    public Optional<Boolean> bool(String name) {
        return Optional.ofNullable((Boolean) typed.get(name));
    }

    /** A property string by canonical key, e.g. net0 → {model=virtio, macaddr=..., bridge=vmbr0}. */
    public Optional<Map<String, String>> properties(String name) {
        return Optional.ofNullable(propertyStrings.get(name));
    }

    /** A {@code *-list} parameter split into items (empty when absent). */
    public List<String> list(String name) {
        return lists.getOrDefault(name, List.of());
    }
}
