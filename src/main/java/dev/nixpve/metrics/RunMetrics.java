package dev.nixpve.metrics;

import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.NodeEvent;
import dev.nixpve.event.RunFinishedEvent;
import dev.nixpve.event.RunStartedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns one run's events into its metrics, for each of its nodes, and exports them when a node's
 * run starts (so a run that hangs or is killed shows as under way) and when it ends, however it
 * ends, a lock-out included. A node's part of a run over several nodes ({@link NodeEvent}) is that
 * node's alone; the run's own part (one node's run, or the ISO and recovery all nodes share) is
 * every node's. Nodes the run left out may be shown too, as their histories have them: with
 * {@code all}, an offline node's last success stays in the textfile and ages. An export that fails
 * is a warning, never the run's failure.
 */
public final class RunMetrics implements EventSink {

    private final String image;
    private final Map<String, NodeRun> nodes = new LinkedHashMap<>();
    private final List<MetricsExporter> exporters;
    private final Clock clock;
    private final EventSink warnings;

    /**
     * One node's part: where its history is kept, what it measured, whether its start and end were
     * seen; or a node the run left out, shown as its history has it.
     */
    private static final class NodeRun {
        private final HistoryFile history;
        private final boolean inRun;
        private final Measuring measuring = new Measuring();
        private boolean started;
        private boolean finished;

        NodeRun(HistoryFile history, boolean inRun) {
            this.history = history;
            this.inRun = inRun;
        }
    }

    /** @param histories each node of the run, in its order, with the file of its history */
    public RunMetrics(String image, Map<String, HistoryFile> histories, List<MetricsExporter> exporters, Clock clock,
                      EventSink warnings) {
        this(image, histories, Map.of(), exporters, clock, warnings);
    }

    /**
     * @param histories each node of the run, in its order, with the file of its history
     * @param leftOut   nodes outside the run whose series are exported alongside, unchanged, with their history files
     */
    public RunMetrics(String image, Map<String, HistoryFile> histories, Map<String, HistoryFile> leftOut,
                      List<MetricsExporter> exporters, Clock clock, EventSink warnings) {
        this.image = image;
        histories.forEach((node, history) -> nodes.put(node, new NodeRun(history, true)));
        leftOut.forEach((node, history) -> nodes.putIfAbsent(node, new NodeRun(history, false)));
        this.exporters = List.copyOf(exporters);
        this.clock = clock;
        this.warnings = warnings;
    }

    @Override
    public synchronized void emit(Event event) {
        if (event instanceof NodeEvent ofNode) {
            NodeRun node = inRun(ofNode.node());
            if (node != null) {
                node.measuring.add(ofNode.event());
            }
        } else if (event instanceof RunStartedEvent start) {
            NodeRun node = inRun(start.node());
            if (node != null) {
                node.started = true;
                publish(start.node(), h -> h.started(clock.instant()));
            }
        } else if (event instanceof RunFinishedEvent end) {
            NodeRun node = inRun(end.node());
            if (node != null) {
                node.finished = true;
                publish(end.node(), h -> h.finished(end.outcome(), clock.instant(), end.elapsed(), end.template(),
                        node.started));
            }
        } else {
            nodes.values().stream().filter(node -> node.inRun).forEach(node -> node.measuring.add(event));
        }
    }

    /** {@code node}'s part, or null when it is not one of the run's nodes. */
    private NodeRun inRun(String node) {
        NodeRun run = nodes.get(node);
        return run != null && run.inRun ? run : null;
    }

    /** The nodes whose run's end was not seen: a run that failed before it could start is not yet counted there. */
    public synchronized List<String> unfinished() {
        return nodes.entrySet().stream().filter(e -> e.getValue().inRun && !e.getValue().finished)
                .map(Map.Entry::getKey).toList();
    }

    /** Updates {@code changed}'s history and, under its lock, exports every node's series as of then. */
    private void publish(String changed, UnaryOperator<RunHistory> change) {
        try {
            nodes.get(changed).history.update(change, history -> export(series(changed, history)));
        } catch (IOException | RuntimeException e) {
            warnings.emit(LogEvent.warn("metrics: could not update the run history: " + e.getMessage()
                    + "; no metrics were written"));
        }
    }

    /** The changed node's new history; the others' as their files have it now (their own runs write them). */
    private RunSeries series(String changed, RunHistory history) {
        List<RunSeries.Part> parts = new ArrayList<>();
        nodes.forEach((node, run) -> {
            try {
                parts.add(new RunSeries.Part(node, node.equals(changed) ? history : run.history.read(),
                        run.measuring.measured()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new RunSeries(image, changed, parts);
    }

    private void export(RunSeries series) {
        for (MetricsExporter exporter : exporters) {
            try {
                exporter.export(series);
            } catch (IOException | RuntimeException e) {
                warnings.emit(LogEvent.warn("metrics: could not export to the " + exporter.describe() + ": "
                        + e.getMessage()));
            }
        }
    }
}
