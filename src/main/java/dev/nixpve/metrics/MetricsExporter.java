package dev.nixpve.metrics;

import java.io.IOException;

/** Where a run's metrics go: a node_exporter textfile, a Pushgateway. */
public interface MetricsExporter {

    /**
     * Replaces what this exporter holds of the image with {@code series}: the series of the nodes it
     * keeps together (a textfile: all; a Pushgateway group: the changed node's).
     */
    void export(RunSeries series) throws IOException;

    /** Where it goes, for a warning when it fails: "metrics file /var/lib/...", "Pushgateway http://...". */
    String describe();
}
