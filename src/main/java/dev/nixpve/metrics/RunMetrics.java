package dev.nixpve.metrics;

import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.MeasuredEvent;
import dev.nixpve.event.NodeEvent;
import dev.nixpve.event.RunFinishedEvent;
import dev.nixpve.event.RunStartedEvent;
import dev.nixpve.event.StepEvent;
import dev.nixpve.event.StepId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

/**
 * Turns one run's events into its metrics and exports them twice: when the run starts (so a run
 * that hangs or is killed shows as under way) and when it ends, however it ends, a lock-out
 * included. An export that fails is a warning, never the run's failure.
 */
public final class RunMetrics implements EventSink {

    private final String image;
    private final String node;
    private final HistoryFile history;
    private final List<MetricsExporter> exporters;
    private final Clock clock;
    private final EventSink warnings;
    private final List<Measured.StepTiming> steps = new ArrayList<>();
    private OptionalDouble uploadBytes = OptionalDouble.empty();
    private Optional<Duration> uploadTime = Optional.empty();
    private Optional<Duration> install = Optional.empty();
    private OptionalDouble bootSeconds = OptionalDouble.empty();
    private boolean started;
    private boolean finished;

    public RunMetrics(String image, String node, HistoryFile history, List<MetricsExporter> exporters, Clock clock,
                      EventSink warnings) {
        this.image = image;
        this.node = node;
        this.history = history;
        this.exporters = List.copyOf(exporters);
        this.clock = clock;
        this.warnings = warnings;
    }

    @Override
    public synchronized void emit(Event event) {
        if (event instanceof NodeEvent ofNode) {
            // A run over several nodes: only this node's part is this node's metrics.
            if (ofNode.node().equals(node)) {
                emit(ofNode.event());
            }
            return;
        }
        if (event instanceof RunStartedEvent started && !started.node().equals(node)
                || event instanceof RunFinishedEvent end && !end.node().equals(node)) {
            return;
        }
        if (event instanceof StepEvent step && step.status() != StepEvent.Status.STARTED) {
            steps.add(new Measured.StepTiming(step.step(), step.status(), step.elapsed()));
            if (step.status() == StepEvent.Status.DONE && step.step() == StepId.UPLOAD) {
                uploadTime = Optional.of(step.elapsed());
            }
            if (step.status() == StepEvent.Status.DONE && step.step() == StepId.INSTALL) {
                install = Optional.of(step.elapsed());
            }
        } else if (event instanceof MeasuredEvent measured) {
            switch (measured.measure()) {
                case UPLOAD_BYTES -> uploadBytes = OptionalDouble.of(measured.value());
                case SMOKE_TEST_BOOT_SECONDS -> bootSeconds = OptionalDouble.of(measured.value());
                default -> throw new IllegalStateException("unknown measure " + measured.measure());
            }
        } else if (event instanceof RunStartedEvent) {
            started = true;
            publish(h -> h.started(clock.instant()), Measured.NOTHING);
        } else if (event instanceof RunFinishedEvent end) {
            finished = true;
            publish(h -> h.finished(end.outcome(), clock.instant(), end.elapsed(), end.template(), started),
                    new Measured(steps, uploadBytes, uploadTime, install, bootSeconds));
        }
    }

    /** Whether a run's end was seen: a run that failed before it could start is not yet counted. */
    public synchronized boolean finished() {
        return finished;
    }

    private void publish(UnaryOperator<RunHistory> change, Measured measured) {
        try {
            history.update(change, changed -> export(Exposition.render(image, node, changed, measured)));
        } catch (IOException | RuntimeException e) {
            warnings.emit(LogEvent.warn("metrics: could not update the run history: " + e.getMessage()
                    + "; no metrics were written"));
        }
    }

    private void export(String text) {
        for (MetricsExporter exporter : exporters) {
            try {
                exporter.export(image, node, text);
            } catch (IOException | RuntimeException e) {
                warnings.emit(LogEvent.warn("metrics: could not export to the " + exporter.describe() + ": "
                        + e.getMessage()));
            }
        }
    }
}
