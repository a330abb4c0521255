package dev.nixpve.proxmox.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A VM's configuration as PVE stores it: every key as its string form (numbers and 0/1 booleans
 * included, so "memory" reads the same whether the server sent 2048 or "2048"), plus the digest
 * that guards a later write against concurrent changes.
 */
public record VmConfig(Map<String, String> values, String digest) {

    public VmConfig {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public boolean isTemplate() {
        return get("template").map(v -> v.equals("1")).orElse(false);
    }

    public Optional<String> name() {
        return get("name");
    }

    /** Tags as PVE splits them: separated by ';', ',' or white space. */
    public Tags tags() {
        return Tags.parse(get("tags").orElse(null));
    }

    /** Keys sorted, for stable output. */
    public Map<String, String> sorted() {
        return new TreeMap<>(values);
    }
}
