package dev.nixpve.metrics;

import dev.nixpve.emit.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the metrics to a file for node_exporter's textfile collector: a temporary file in the
 * same directory renamed over it, so the collector never reads half a file (it ignores names
 * not ending in {@code .prom}, as the temporary's does), readable by all (the exporter runs as
 * another user).
 */
public final class TextfileExporter implements MetricsExporter {

    private final Path file;

    public TextfileExporter(Path file) {
        this.file = file;
    }

    @Override
    public void export(String image, String node, String text) throws IOException {
        AtomicFiles.write(file, text);
    }

    @Override
    public String describe() {
        return "metrics file " + file;
    }
}
