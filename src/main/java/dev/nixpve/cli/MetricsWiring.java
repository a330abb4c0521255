package dev.nixpve.cli;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeSelection;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.metrics.HistoryFile;
import dev.nixpve.metrics.MetricsExporter;
import dev.nixpve.metrics.PushgatewayExporter;
import dev.nixpve.metrics.RunMetrics;
import dev.nixpve.metrics.TextfileExporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The metrics a run's flags ask for (--metrics-file, --pushgateway), or none. */
final class MetricsWiring {

    private MetricsWiring() {
    }

    /** The metrics of a run of {@code image} on {@code nodes}, each node with its own history in the state dir. */
    static Optional<RunMetrics> of(CliContext context, DeployFlags flags, String image, List<String> nodes,
                                   Path stateDir, EventSink warnings) {
        return of(context, flags, image, nodes, List.of(), stateDir, warnings);
    }

    /**
     * The metrics of a run over several nodes. With all, the nodes earlier runs kept metrics of that
     * this run left out (offline) are shown too, as they were: their last success ages and alerts.
     */
    static Optional<RunMetrics> ofNodes(CliContext context, DeployFlags flags, NixpveConfig config,
                                        List<String> nodes, Path stateDir, EventSink warnings) {
        if (!flags.wantsMetrics()) {
            return Optional.empty();
        }
        String image = config.image().name();
        List<String> leftOut = List.of();
        if (config.target().nodes() instanceof NodeSelection.All) {
            try {
                leftOut = new StateDirectory(stateDir).metricsNodes(image).stream().filter(n -> !nodes.contains(n))
                        .toList();
            } catch (IOException e) {
                warnings.emit(LogEvent.warn("metrics: could not list the nodes earlier runs kept metrics of: "
                        + e.getMessage() + "; only this run's nodes are written"));
            }
        }
        return of(context, flags, image, nodes, leftOut, stateDir, warnings);
    }

    private static Optional<RunMetrics> of(CliContext context, DeployFlags flags, String image, List<String> nodes,
                                           List<String> leftOut, Path stateDir, EventSink warnings) {
        if (!flags.wantsMetrics()) {
            return Optional.empty();
        }
        List<MetricsExporter> exporters = new ArrayList<>();
        Optional.ofNullable(flags.metricsFile).map(context.workingDirectory()::resolve)
                .ifPresent(file -> exporters.add(new TextfileExporter(file)));
        Optional.ofNullable(flags.pushgateway).ifPresent(url -> exporters.add(new PushgatewayExporter(url)));
        StateDirectory state = new StateDirectory(stateDir);
        Map<String, HistoryFile> histories = new LinkedHashMap<>();
        nodes.forEach(node -> histories.put(node, new HistoryFile(state.metricsHistory(image, node))));
        Map<String, HistoryFile> others = new LinkedHashMap<>();
        leftOut.forEach(node -> others.put(node, new HistoryFile(state.metricsHistory(image, node))));
        return Optional.of(new RunMetrics(image, histories, others, exporters, context.clock(), warnings));
    }

    /**
     * The metrics of a run over several nodes that failed before it knew its nodes (PVE did not
     * answer, no node online): the named nodes; for all, those earlier runs kept metrics of.
     */
    static Optional<RunMetrics> beforeNodesKnown(CliContext context, DeployFlags flags, NixpveConfig config,
                                                 Path stateDir, EventSink warnings) {
        if (!flags.wantsMetrics()) {
            return Optional.empty();
        }
        String image = config.image().name();
        if (config.target().nodes() instanceof NodeSelection.Named named) {
            return of(context, flags, image, named.nodes(), stateDir, warnings);
        }
        try {
            return of(context, flags, image, new StateDirectory(stateDir).metricsNodes(image), stateDir, warnings);
        } catch (IOException e) {
            warnings.emit(LogEvent.warn("metrics: could not list the nodes earlier runs kept metrics of: "
                    + e.getMessage() + "; no metrics were written"));
            return Optional.empty();
        }
    }
}
