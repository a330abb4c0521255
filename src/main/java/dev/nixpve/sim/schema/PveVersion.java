package dev.nixpve.sim.schema;

import java.util.Arrays;

/** The PVE API versions the simulator can impersonate; each has its own derived schema. */
public enum PveVersion {
    V9_1("9.1"),
    V8_4("8.4");

    private final String label;

    PveVersion(String label) {
        this.label = label;
    }

    /** As written in the derived resource, e.g. "9.1". */
    public String label() {
        return label;
    }

    public static PveVersion fromLabel(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown PVE version '" + label + "'"));
    }
}
