package dev.nixpve.metrics;

import dev.nixpve.event.RunOutcome;
import dev.nixpve.event.TemplateFacts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Renders a run's metrics in the Prometheus text format: a fresh registry each time, filled from
 * the history the runs share and what this run measured, for each of the run's nodes. Names follow
 * Prometheus' conventions (base units, {@code _total}, {@code _seconds}); every series carries
 * {@code image} and {@code node}, and no label takes more than a handful of values, except the
 * current template's build in {@code nixpve_template_info}, one series per image and node at a time.
 */
final class Exposition {

    /** The text format node_exporter's textfile collector and the Pushgateway both read. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private Exposition() {
    }

    /** The series of every part, each labelled with its node; one family per name whatever the nodes. */
    static String render(String image, List<RunSeries.Part> parts) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        parts.forEach(part -> register(registry, Tags.of("image", image, "node", part.node()), part.history(),
                part.measured()));
        return registry.scrape(CONTENT_TYPE);
    }

    private static void register(MeterRegistry registry, Tags node, RunHistory history, Measured measured) {
        for (RunOutcome outcome : RunOutcome.values()) {
            FunctionCounter.builder("nixpve.runs", history, h -> h.runs(outcome))
                    .description("Runs by how they ended; unchanged means the template was current already")
                    .tags(node).tag("outcome", outcome.label()).register(registry);
        }
        gauge(registry, node, "nixpve.run.in.progress", null, "1 while a run is under way (written at its start)",
                history.inProgress() ? 1 : 0);
        history.runStart().ifPresent(at -> gauge(registry, node, "nixpve.run.start.timestamp", "seconds",
                "When the last run started", seconds(at)));
        history.lastDuration().ifPresent(took -> gauge(registry, node, "nixpve.run.duration", "seconds",
                "How long the last finished run took", seconds(took)));
        gauge(registry, node, "nixpve.last.success.timestamp", "seconds",
                "When a run last ended succeeded or unchanged (0: never)",
                history.lastSuccess().map(Exposition::seconds).orElse(0.0));
        gauge(registry, node, "nixpve.last.failure.timestamp", "seconds", "When a run last failed (0: never)",
                history.lastFailure().map(Exposition::seconds).orElse(0.0));
        for (Measured.StepTiming timing : measured.steps()) {
            Timer.builder("nixpve.step.duration").description("The last run's steps, by outcome").tags(node)
                    .tags("step", timing.step().id(), "outcome", timing.outcome().name().toLowerCase(Locale.ROOT))
                    .register(registry).record(timing.elapsed());
        }
        measured.uploadBytes().ifPresent(bytes -> gauge(registry, node, "nixpve.upload", "bytes",
                "Bytes of ISO the last upload sent", bytes));
        measured.uploadThroughput().ifPresent(rate -> gauge(registry, node, "nixpve.upload.throughput",
                "bytes.per.second", "The last upload's bytes over its step's seconds", rate));
        measured.install().ifPresent(took -> gauge(registry, node, "nixpve.install.duration", "seconds",
                "The last unattended install, from the VM's start to its power-off", seconds(took)));
        measured.smokeTestBootSeconds().ifPresent(took -> gauge(registry, node, "nixpve.smoke.test.boot", "seconds",
                "The last smoke test: clone start to an IPv4 address from its guest agent", took));
        history.template().ifPresent(template -> template(registry, node, template));
    }

    private static void template(MeterRegistry registry, Tags node, TemplateFacts template) {
        Gauge.builder("nixpve.template.info", () -> 1).description("The current template on the node").tags(node)
                .tags(Tags.of("vmid", Integer.toString(template.vmid()), "build_id", template.buildId(),
                        "nixpkgs_revision", template.nixpkgsRevision(), "template", template.name()))
                .register(registry);
        gauge(registry, node, "nixpve.template.vmid", null, "The current template's VMID", template.vmid());
        gauge(registry, node, "nixpve.template.created.timestamp", "seconds",
                "When the current template was built; its age is time() minus this", seconds(template.created()));
    }

    private static void gauge(MeterRegistry registry, Tags node, String name, String baseUnit, String help,
                              double value) {
        Gauge.builder(name, () -> value).baseUnit(baseUnit).description(help).tags(node).register(registry);
    }

    private static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    private static double seconds(Duration took) {
        return took.toNanos() / 1e9;
    }
}
