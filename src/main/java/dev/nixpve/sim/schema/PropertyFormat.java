package dev.nixpve.sim.schema;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A property-string format: the allowed keys of e.g. {@code scsi0=local-lvm:32,discard=on}. */
public record PropertyFormat(Map<String, ParamSchema> properties) implements PropertyLookup {

    public PropertyFormat {
        properties = Map.copyOf(properties);
    }

    @Override
    public Optional<ParamSchema> property(String name) {
        return PropertyLookup.direct(properties, name);
    }

    /** Keys in name order: PVE iterates a hash, so any fixed order is as good. */
    Map<String, ParamSchema> sorted() {
        return new TreeMap<>(properties);
    }
}
