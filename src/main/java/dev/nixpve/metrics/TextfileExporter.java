package dev.nixpve.metrics;

import dev.nixpve.emit.AtomicFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writes the metrics to a file for node_exporter's textfile collector, every node of the run in one
 * exposition (the collector takes a series once across its files): a temporary file in the same
 * directory renamed over it, so the collector never reads half a file (it ignores names
 * not ending in {@code .prom}, as the temporary's does), readable by all (the exporter runs as
 * another user).
 */
public final class TextfileExporter implements MetricsExporter {

    private final Path file;

    public TextfileExporter(Path file) {
        this.file = file;
    }

    @Override
    public void export(RunSeries series) throws IOException {
        try {
            AtomicFiles.write(file, series.everyNode());
        } catch (FileSystemException e) {
            throw new IOException(reason(e), e);
        }
    }

    /** Java's file errors carry only a path as their message; say what went wrong with it. */
    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getFile();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "in the way, and not a directory: " + e.getFile();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getFile();
        }
        return e.getMessage();
    }

    @Override
    public String describe() {
        return "metrics file " + file;
    }
}
