package dev.nixpve.metrics;

import java.util.List;

/**
 * The series of a run's nodes at one moment, right after one of them ({@link #changed()}) started
 * or finished: each node's history and what its part measured. An exporter takes the nodes it
 * holds in one place: a textfile every node at once, so the collector reads one exposition without
 * duplicate series; a Pushgateway group the changed node alone, so no node's push overwrites another's.
 */
public final class RunSeries {

    /** One node's part: its history, as of now, and what this run measured there. */
    record Part(String node, RunHistory history, Measured measured) {
    }

    private final String image;
    private final String changed;
    private final List<Part> parts;

    RunSeries(String image, String changed, List<Part> parts) {
        this.image = image;
        this.changed = changed;
        this.parts = List.copyOf(parts);
    }

    public String image() {
        return image;
    }

    /** The node whose run started or finished, and so whose series are new. */
    public String changed() {
        return changed;
    }

    /** Every node's series, each labelled with its node, in one exposition (Prometheus text format). */
    public String everyNode() {
        return Exposition.render(image, parts);
    }

    /** {@code node}'s series alone (Prometheus text format). */
    public String of(String node) {
        return Exposition.render(image, parts.stream().filter(p -> p.node().equals(node)).toList());
    }
}
