package dev.nixpve.cli;

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
    static void writableDirectory(Path dir, String option) throws UsageException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(option, dir + " is a file, not a directory",
                    "name a directory (it is created if missing)");
        }
        try {
            tryWriting(dir);
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException(option, dir + " cannot be written (" + reason(e) + ")",
                    "name a directory this user can create and write, e.g. ./out");
        }
    }

    /** Creates {@code dir} if missing and writes and removes a file in it: what the run will do there. */
    private static void tryWriting(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.delete(Files.createTempFile(dir, ".nixpve-write-test-", ".tmp"));
    }

    /**
     * {@code file} can be written: it is no directory, and its directory can be created and
     * written (a file is replaced by renaming a new one over it, so that directory must take files).
     */
    static void writableFile(Path file, String option) throws UsageException {
        if (Files.isDirectory(file)) {
            throw new UsageException(option, file + " is a directory, not a file",
                    "name the file to write, e.g. " + file.resolve("nixpve.prom").getFileName() + " in it");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(option, dir + " is a file, so " + file.getFileName() + " cannot be written "
                    + "in it", "name a file in a directory");
        }
        try {
            tryWriting(dir);
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException(option, file + " cannot be written (" + reason(e) + ")",
                    "name a file in a directory this user can create and write");
        }
    }

    /** {@code file} is a regular file this process can read. */
    static void readableFile(Path file, String option) throws UsageException {
        if (!Files.exists(file)) {
            throw new UsageException(option, file + " does not exist",
                    "check the path; 'nixpve build-iso' writes the ISO and prints where");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(option, file + " is not a file", "name the ISO file itself");
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.read();
        } catch (IOException e) {
            throw new UsageException(option, file + " cannot be read (" + reason(e) + ")", "check its permissions");
        }
    }

    /** {@code dir} is a directory that exists: one nixpve reads and never creates. */
    static void existingDirectory(Path dir, String option, String hint) throws UsageException {
        if (!Files.exists(dir)) {
            throw new UsageException(option, dir + " does not exist", hint);
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException(option, dir + " is a file, not a directory", hint);
        }
    }

    private static String reason(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
