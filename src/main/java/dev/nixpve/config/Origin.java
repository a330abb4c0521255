package dev.nixpve.config;

import java.nio.file.Path;

/** Where a configuration value came from, as an error message names it. */
public record Origin(String description) {

    public static Origin file(Path file, int line) {
        return new Origin(file + ":" + line);
    }

    public static Origin environment(String variable) {
        return new Origin("environment " + variable);
    }

    public static Origin option(String flag) {
        return new Origin("option " + flag);
    }

    public static Origin defaults() {
        return new Origin("default");
    }

    @Override
    public String toString() {
        return description;
    }
}
