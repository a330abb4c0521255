package dev.nixpve.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options scripts/nixpve starts nixpve with ({@code scripts/jvm.options}, as a java
 * {@code @}argument file), so that what the harness measures is what a user runs. The harness runs
 * from the project's root (scripts/bench and Maven both do); elsewhere there is no file and no option.
 */
final class JvmOptions {

    static final Path FILE = Path.of("scripts", "jvm.options");

    private JvmOptions() {
    }

    /** {@code @/abs/scripts/jvm.options}, or nothing when the file is not there. */
    static List<String> launcher() {
        return Files.isRegularFile(FILE) ? List.of("@" + FILE.toAbsolutePath().normalize()) : List.of();
    }

    /** How the table's header names them. */
    static String description() {
        return Files.isRegularFile(FILE) ? "@" + FILE + " " : "";
    }
}
