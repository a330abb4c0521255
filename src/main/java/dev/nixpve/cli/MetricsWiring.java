package dev.nixpve.cli;

import dev.nixpve.event.EventSink;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.metrics.HistoryFile;
import dev.nixpve.metrics.MetricsExporter;
import dev.nixpve.metrics.PushgatewayExporter;
import dev.nixpve.metrics.RunMetrics;
import dev.nixpve.metrics.TextfileExporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The metrics a run's flags ask for (--metrics-file, --pushgateway), or none. */
final class MetricsWiring {

    private MetricsWiring() {
    }

    static Optional<RunMetrics> of(CliContext context, DeployFlags flags, String image, String node, Path stateDir,
                                   EventSink warnings) {
        if (!flags.wantsMetrics()) {
            return Optional.empty();
        }
        List<MetricsExporter> exporters = new ArrayList<>();
        Optional.ofNullable(flags.metricsFile).map(context.workingDirectory()::resolve)
                .ifPresent(file -> exporters.add(new TextfileExporter(file)));
        Optional.ofNullable(flags.pushgateway).ifPresent(url -> exporters.add(new PushgatewayExporter(url)));
        return Optional.of(new RunMetrics(image, node, new HistoryFile(new StateDirectory(stateDir)
                .metricsHistory(image, node)), exporters, context.clock(), warnings));
    }
}
