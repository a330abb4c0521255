package dev.nixpve.metrics;

import dev.nixpve.event.RunOutcome;
import dev.nixpve.event.TemplateFacts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Renders a run's metrics in the Prometheus text format: a fresh registry each time, filled from
 * the history the runs share and what this run measured. Names follow Prometheus' conventions
 * (base units, {@code _total}, {@code _seconds}); every series carries {@code image} and
 * {@code node}, and no label takes more than a handful of values, except the current template's
 * build in {@code nixpve_template_info}, one series per image and node at a time.
 */
final class Exposition {

    /** The text format node_exporter's textfile collector and the Pushgateway both read. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private Exposition() {
    }

    static String render(String image, String node, RunHistory history, Measured measured) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("image", image, "node", node);
        for (RunOutcome outcome : RunOutcome.values()) {
            FunctionCounter.builder("nixpve.runs", history, h -> h.runs(outcome))
                    .description("Runs by how they ended; unchanged means the template was current already")
                    .tag("outcome", outcome.label()).register(registry);
        }
        gauge(registry, "nixpve.run.in.progress", null, "1 while a run is under way (written at its start)",
                history.inProgress() ? 1 : 0);
        history.runStart().ifPresent(at -> gauge(registry, "nixpve.run.start.timestamp", "seconds",
                "When the last run started", seconds(at)));
        history.lastDuration().ifPresent(took -> gauge(registry, "nixpve.run.duration", "seconds",
                "How long the last finished run took", seconds(took)));
        gauge(registry, "nixpve.last.success.timestamp", "seconds",
                "When a run last ended succeeded or unchanged (0: never)",
                history.lastSuccess().map(Exposition::seconds).orElse(0.0));
        gauge(registry, "nixpve.last.failure.timestamp", "seconds", "When a run last failed (0: never)",
                history.lastFailure().map(Exposition::seconds).orElse(0.0));
        for (Measured.StepTiming timing : measured.steps()) {
            Timer.builder("nixpve.step.duration").description("The last run's steps, by outcome")
                    .tags("step", timing.step().id(), "outcome", timing.outcome().name().toLowerCase(Locale.ROOT))
                    .register(registry).record(timing.elapsed());
        }
        measured.uploadBytes().ifPresent(bytes -> gauge(registry, "nixpve.upload", "bytes",
                "Bytes of ISO the last upload sent", bytes));
        measured.uploadThroughput().ifPresent(rate -> gauge(registry, "nixpve.upload.throughput",
                "bytes.per.second", "The last upload's bytes over its step's seconds", rate));
        measured.install().ifPresent(took -> gauge(registry, "nixpve.install.duration", "seconds",
                "The last unattended install, from the VM's start to its power-off", seconds(took)));
        measured.smokeTestBootSeconds().ifPresent(took -> gauge(registry, "nixpve.smoke.test.boot", "seconds",
                "The last smoke test: clone start to an IPv4 address from its guest agent", took));
        history.template().ifPresent(template -> template(registry, template));
        return registry.scrape(CONTENT_TYPE);
    }

    private static void template(PrometheusMeterRegistry registry, TemplateFacts template) {
        Gauge.builder("nixpve.template.info", () -> 1).description("The current template on the node")
                .tags(Tags.of("vmid", Integer.toString(template.vmid()), "build_id", template.buildId(),
                        "nixpkgs_revision", template.nixpkgsRevision(), "template", template.name()))
                .register(registry);
        gauge(registry, "nixpve.template.vmid", null, "The current template's VMID", template.vmid());
        gauge(registry, "nixpve.template.created.timestamp", "seconds",
                "When the current template was built; its age is time() minus this", seconds(template.created()));
    }

    private static void gauge(PrometheusMeterRegistry registry, String name, String baseUnit, String help,
                              double value) {
        Gauge.builder(name, () -> value).baseUnit(baseUnit).description(help).register(registry);
    }

    private static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    private static double seconds(Duration took) {
        return took.toNanos() / 1e9;
    }
}
