package dev.nixpve.metrics;

import java.io.IOException;

/** Where a run's metrics go: a node_exporter textfile, a Pushgateway. */
public interface MetricsExporter {

    /** Replaces what this image on this node last exported with {@code text} (Prometheus text format). */
    void export(String image, String node, String text) throws IOException;

    /** Where it goes, for a warning when it fails: "metrics file /var/lib/...", "Pushgateway http://...". */
    String describe();
}
