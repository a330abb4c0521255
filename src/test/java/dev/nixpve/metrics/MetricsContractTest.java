package dev.nixpve.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.MeasuredEvent;
import dev.nixpve.event.RunFinishedEvent;
import dev.nixpve.event.RunOutcome;
import dev.nixpve.event.RunStartedEvent;
import dev.nixpve.event.StepEvent;
import dev.nixpve.event.StepId;
import dev.nixpve.event.TemplateFacts;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's events make exactly the series exported-metrics.txt promises, with their values. */
class MetricsContractTest {

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void aSuccessfulRunExportsEverySeriesOfTheContract() throws Exception {
        Path file = dir.resolve("textfile/nixpve.prom");
        RunMetrics metrics = metrics(file);
        metrics.emit(new RunStartedEvent("3f2a9c1b0d4e", "nixos-base", "pve1"));
        String started = Files.readString(file);
        step(metrics, StepId.UPLOAD, Duration.ofSeconds(4));
        metrics.emit(new MeasuredEvent(MeasuredEvent.Measure.UPLOAD_BYTES, 8_000_000));
        step(metrics, StepId.INSTALL, Duration.ofSeconds(312));
        metrics.emit(new MeasuredEvent(MeasuredEvent.Measure.SMOKE_TEST_BOOT_SECONDS, 13.5));
        step(metrics, StepId.SMOKE_TEST, Duration.ofSeconds(70));
        metrics.emit(new StepEvent(StepId.RENDER, StepEvent.Status.SKIPPED, Duration.ZERO, "--iso given"));
        clock.advance(Duration.ofMinutes(7));
        metrics.emit(new RunFinishedEvent("3f2a9c1b0d4e", "nixos-base", "pve1", RunOutcome.SUCCEEDED,
                Duration.ofMinutes(7), Optional.of(template())));

        List<MetricsFiles.Sample> samples = MetricsFiles.samples(Files.readString(file));
        assertEquals(MetricsFiles.contract(), MetricsFiles.shape(samples));
        assertTrue(samples.stream().allMatch(s -> s.labels().get("image").equals("nixos-base")
                && s.labels().get("node").equals("pve1")), samples.toString());
        assertEquals(1, value(samples, "nixpve_runs_total", "outcome", "succeeded"));
        assertEquals(0, value(samples, "nixpve_runs_total", "outcome", "failed"));
        assertEquals(0, value(samples, "nixpve_run_in_progress", null, null));
        assertEquals(420, value(samples, "nixpve_run_duration_seconds", null, null));
        assertEquals(clock.instant().getEpochSecond(), value(samples, "nixpve_last_success_timestamp_seconds",
                null, null));
        assertEquals(2_000_000, value(samples, "nixpve_upload_throughput_bytes_per_second", null, null));
        assertEquals(312, value(samples, "nixpve_install_duration_seconds", null, null));
        assertEquals(13.5, value(samples, "nixpve_smoke_test_boot_seconds", null, null));
        assertEquals(9101, value(samples, "nixpve_template_vmid", null, null));
        assertEquals(1, value(samples, "nixpve_template_info", "build_id", "5a29de3b93810000"));
        assertEquals(312, value(samples, "nixpve_step_duration_seconds_sum", "step", "install"));
        assertTrue(samples.stream().anyMatch(s -> s.name().equals("nixpve_step_duration_seconds_count")
                && "skipped".equals(s.labels().get("outcome")) && "render".equals(s.labels().get("step"))));
        // written at the start already: a run that hangs or is killed shows as under way
        assertEquals(1, value(MetricsFiles.samples(started), "nixpve_run_in_progress", null, null));
    }

    @Test
    void aFailureKeepsTheLastSuccessAndTheTemplateAndCountsItself() throws Exception {
        Path file = dir.resolve("nixpve.prom");
        RunMetrics first = metrics(file);
        first.emit(new RunStartedEvent("aaaaaaaaaaaa", "nixos-base", "pve1"));
        first.emit(new RunFinishedEvent("aaaaaaaaaaaa", "nixos-base", "pve1", RunOutcome.SUCCEEDED,
                Duration.ofMinutes(7), Optional.of(template())));
        long succeeded = clock.instant().getEpochSecond();
        clock.advance(Duration.ofDays(7));

        RunMetrics second = metrics(file);
        second.emit(new RunStartedEvent("bbbbbbbbbbbb", "nixos-base", "pve1"));
        step(second, StepId.INSTALL, Duration.ofSeconds(30), StepEvent.Status.FAILED);
        second.emit(new RunFinishedEvent("bbbbbbbbbbbb", "nixos-base", "pve1", RunOutcome.FAILED,
                Duration.ofMinutes(2), Optional.empty()));
        RunMetrics locked = metrics(file);
        locked.emit(new RunFinishedEvent("cccccccccccc", "nixos-base", "pve1", RunOutcome.LOCKED, Duration.ZERO,
                Optional.empty()));

        List<MetricsFiles.Sample> samples = MetricsFiles.samples(Files.readString(file));
        assertEquals(1, value(samples, "nixpve_runs_total", "outcome", "succeeded"));
        assertEquals(1, value(samples, "nixpve_runs_total", "outcome", "failed"));
        assertEquals(1, value(samples, "nixpve_runs_total", "outcome", "locked"));
        assertEquals(succeeded, value(samples, "nixpve_last_success_timestamp_seconds", null, null));
        assertEquals(clock.instant().getEpochSecond(), value(samples, "nixpve_last_failure_timestamp_seconds",
                null, null));
        assertEquals(9101, value(samples, "nixpve_template_vmid", null, null), "the failure left the template");
        assertEquals(120, value(samples, "nixpve_run_duration_seconds", null, null), "the lock-out is no run");
        assertTrue(samples.stream().noneMatch(s -> s.name().startsWith("nixpve_upload")), "nothing was uploaded");
    }

    @Test
    void aRunLockedOutOnTheClusterAfterItStartedIsNoLongerUnderWay() throws Exception {
        Path file = dir.resolve("nixpve.prom");
        RunMetrics metrics = metrics(file);
        metrics.emit(new RunStartedEvent("aaaaaaaaaaaa", "nixos-base", "pve1"));
        metrics.emit(new RunFinishedEvent("aaaaaaaaaaaa", "nixos-base", "pve1", RunOutcome.LOCKED, Duration.ZERO,
                Optional.empty()));

        List<MetricsFiles.Sample> samples = MetricsFiles.samples(Files.readString(file));
        assertEquals(0, value(samples, "nixpve_run_in_progress", null, null), "another machine's run holds it");
        assertEquals(1, value(samples, "nixpve_runs_total", "outcome", "locked"));
    }

    @Test
    void anExportThatFailsIsAWarningAndTheOthersStillHappen() throws Exception {
        Path file = dir.resolve("nixpve.prom");
        List<String> warnings = new ArrayList<>();
        MetricsExporter broken = new MetricsExporter() {
            @Override
            public void export(RunSeries series) throws java.io.IOException {
                throw new java.io.IOException("connection refused");
            }

            @Override
            public String describe() {
                return "Pushgateway http://127.0.0.1:1";
            }
        };
        RunMetrics metrics = new RunMetrics("nixos-base", Map.of("pve1", new HistoryFile(dir.resolve("state/m.json"))),
                List.of(broken, new TextfileExporter(file)), clock,
                e -> warnings.add(((dev.nixpve.event.LogEvent) e).message()));

        metrics.emit(new RunStartedEvent("aaaaaaaaaaaa", "nixos-base", "pve1"));

        assertEquals(List.of("metrics: could not export to the Pushgateway http://127.0.0.1:1: connection refused"),
                warnings);
        assertTrue(Files.exists(file));
    }

    @Test
    void aMetricsFileThatCannotBeWrittenSaysWhyAndTheRunGoesOn() throws Exception {
        Files.writeString(dir.resolve("not-a-directory"), "");
        List<String> warnings = new ArrayList<>();
        RunMetrics metrics = new RunMetrics("nixos-base", Map.of("pve1", new HistoryFile(dir.resolve("state/m.json"))),
                List.of(new TextfileExporter(dir.resolve("not-a-directory/nixpve.prom"))), clock,
                e -> warnings.add(((dev.nixpve.event.LogEvent) e).message()));

        metrics.emit(new RunStartedEvent("aaaaaaaaaaaa", "nixos-base", "pve1"));

        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals("metrics: could not export to the metrics file " + dir.resolve("not-a-directory/nixpve.prom")
                + ": in the way, and not a directory: " + dir.resolve("not-a-directory"), warnings.get(0));
    }

    private RunMetrics metrics(Path file) {
        return new RunMetrics("nixos-base", Map.of("pve1", new HistoryFile(dir.resolve(
                "state/metrics/nixos-base@pve1.json"))), List.of(new TextfileExporter(file)), clock,
                e -> { throw new AssertionError(e.toString()); });
    }

    private TemplateFacts template() {
        return new TemplateFacts("pve1", 9101, "nixos-base-5a29de3b", "5a29de3b93810000",
                "0123456789abcdef0123456789abcdef01234567", Instant.parse("2026-11-23T10:05:00Z"));
    }

    private static void step(RunMetrics metrics, StepId step, Duration took) {
        step(metrics, step, took, StepEvent.Status.DONE);
    }

    private static void step(RunMetrics metrics, StepId step, Duration took, StepEvent.Status outcome) {
        metrics.emit(StepEvent.started(step));
        metrics.emit(new StepEvent(step, outcome, took, ""));
    }

    private static double value(List<MetricsFiles.Sample> samples, String name, String label, String labelValue) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> label == null || labelValue.equals(s.labels().get(label)))
                .mapToDouble(MetricsFiles.Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + samples));
    }
}
