package dev.nixpve.cli;

import dev.nixpve.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local paths a run writes to and reads from, tried before it connects, so that an unusable
 * one is a usage error (exit 2) and not a failure after PVE was changed. Tried by doing, not by
 * permission bits: root passes every permission check, and /proc or a read-only mount refuses
 * anyway.
 */
final class UsablePaths {

    private UsablePaths() {
    }

    /** {@code dir} is a directory this process can create (if missing) and write a file in. */
    static void writableDirectory(Path dir, String option) throws ConfigException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException(option + " " + dir + " is a file, not a directory. Hint: name a directory "
                    + "(it is created if missing).");
        }
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".nixpve-write-test-", ".tmp"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException(option + " " + dir + " cannot be written (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Hint: name a directory this "
                    + "user can create and write, e.g. ./out.");
        }
    }

    /** {@code file} is a regular file this process can read. */
    static void readableFile(Path file, String option) throws ConfigException {
        if (!Files.exists(file)) {
            throw new ConfigException(option + " " + file + " does not exist. Hint: check the path; "
                    + "'nixpve build-iso' writes the ISO and prints where.");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(option + " " + file + " is not a file. Hint: name the ISO file itself.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.read();
        } catch (IOException e) {
            throw new ConfigException(option + " " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Hint: check its permissions.");
        }
    }
}
