package dev.nixpve.sim.schema;

import java.util.Map;
import java.util.Optional;

/** What {@code check_object} needs of a schema: the declared keys, and a lookup that knows {@code [n]} families. */
interface PropertyLookup {

    /** Declared keys; indexed families appear once, as e.g. "scsi[n]". */
    Map<String, ParamSchema> properties();

    /** The schema a concrete key (e.g. "scsi0") is checked against, if the schema defines it. */
    Optional<ParamSchema> property(String name);

    static boolean isFamily(String declaredKey) {
        return declaredKey.endsWith("[n]");
    }

    static Optional<ParamSchema> direct(Map<String, ParamSchema> properties, String name) {
        return isFamily(name) ? Optional.empty() : Optional.ofNullable(properties.get(name));
    }
}
