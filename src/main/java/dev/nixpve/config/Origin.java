package dev.nixpve.config;

import java.nio.file.Path;

/**
 * Where a configuration value came from, as an error message names it. File origins keep the file
 * and line apart, so a value nested deeper in the YAML can point at its own line.
 */
public record Origin(String description, Kind kind, Path file, int line) {

    public enum Kind { FILE, ENVIRONMENT, OPTION, DEFAULT }

    public static Origin file(Path file, int line) {
        return new Origin(file + ":" + line, Kind.FILE, file, line);
    }

    public static Origin environment(String variable) {
        return new Origin("environment " + variable, Kind.ENVIRONMENT, null, 0);
    }

    public static Origin option(String flag) {
        return new Origin("option " + flag, Kind.OPTION, null, 0);
    }

    public static Origin defaults() {
        return new Origin("default", Kind.DEFAULT, null, 0);
    }

    /** The same file at {@code otherLine}; an origin without a file (or an unknown line) stays as it is. */
    public Origin atLine(int otherLine) {
        return kind == Kind.FILE && otherLine > 0 ? file(file, otherLine) : this;
    }

    @Override
    public String toString() {
        return description;
    }
}
