package dev.nixpve.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.EventSink;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run over several nodes: each node keeps its own history and outcome, one textfile holds every
 * node's series (each series once, labelled with its node), from the run's start to its end.
 */
class RunMetricsOverNodesTest {

    private static final String RUN = "3f2a9c1b0d4e";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void oneTextfileHoldsEveryNodesSeriesEachWithItsOwnOutcomeAndHistory() throws Exception {
        Path file = dir.resolve("nixpve.prom");
        RunMetrics metrics = metrics(file, "pve1", "pve2");

        metrics.emit(new RunStartedEvent(RUN, "nixos-base", "pve1"));
        List<MetricsFiles.Sample> firstStarted = MetricsFiles.samples(Files.readString(file));
        metrics.emit(new RunStartedEvent(RUN, "nixos-base", "pve2"));
        List<MetricsFiles.Sample> started = MetricsFiles.samples(Files.readString(file));
        // the run's own part (the ISO) is every node's; a node's part is its own
        metrics.emit(new StepEvent(StepId.BUILD_ISO, StepEvent.Status.DONE, Duration.ofSeconds(90), ""));
        EventSink pve1 = metrics.forNode("pve1");
        pve1.emit(new StepEvent(StepId.INSTALL, StepEvent.Status.DONE, Duration.ofSeconds(312), ""));
        pve1.emit(new MeasuredEvent(MeasuredEvent.Measure.SMOKE_TEST_BOOT_SECONDS, 13.5));
        metrics.forNode("pve2").emit(new StepEvent(StepId.INSTALL, StepEvent.Status.FAILED, Duration.ofSeconds(40),
                "node pve2 does not answer"));
        clock.advance(Duration.ofMinutes(7));
        metrics.emit(new RunFinishedEvent(RUN, "nixos-base", "pve1", RunOutcome.SUCCEEDED, Duration.ofMinutes(7),
                Optional.of(template("pve1", 9101))));
        metrics.emit(new RunFinishedEvent(RUN, "nixos-base", "pve2", RunOutcome.FAILED, Duration.ofMinutes(7),
                Optional.empty()));

        List<MetricsFiles.Sample> ended = MetricsFiles.samples(Files.readString(file));
        assertEquals(1, value(firstStarted, "pve1", "nixpve_run_in_progress", null, null));
        assertEquals(0, value(firstStarted, "pve2", "nixpve_run_in_progress", null, null), "pve2 is there before "
                + "its start, as its history has it");
        assertEquals(1, value(started, "pve2", "nixpve_run_in_progress", null, null));
        assertEquals(1, value(ended, "pve1", "nixpve_runs_total", "outcome", "succeeded"));
        assertEquals(0, value(ended, "pve1", "nixpve_runs_total", "outcome", "failed"));
        assertEquals(1, value(ended, "pve2", "nixpve_runs_total", "outcome", "failed"));
        assertEquals(0, value(ended, "pve2", "nixpve_runs_total", "outcome", "succeeded"));
        assertEquals(0, value(ended, "pve2", "nixpve_last_success_timestamp_seconds", null, null));
        assertEquals(clock.instant().getEpochSecond(), value(ended, "pve2", "nixpve_last_failure_timestamp_seconds",
                null, null));
        assertEquals(0, value(ended, "pve1", "nixpve_run_in_progress", null, null));
        assertEquals(0, value(ended, "pve2", "nixpve_run_in_progress", null, null));
        assertEquals(312, value(ended, "pve1", "nixpve_install_duration_seconds", null, null));
        assertTrue(ended.stream().noneMatch(s -> s.name().equals("nixpve_install_duration_seconds")
                && s.labels().get("node").equals("pve2")), "pve2's install failed: no install time");
        assertEquals(90, value(ended, "pve2", "nixpve_step_duration_seconds_sum", "step", "build-iso"));
        assertEquals(9101, value(ended, "pve1", "nixpve_template_vmid", null, null));
        assertEquals(ended.size(), ended.stream().map(s -> s.name() + s.labels()).distinct().count(),
                "every series once: " + ended);
        assertEquals(1, new HistoryFile(dir.resolve("state/metrics/nixos-base@pve1.json")).read()
                .runs(RunOutcome.SUCCEEDED));
        assertEquals(1, new HistoryFile(dir.resolve("state/metrics/nixos-base@pve2.json")).read()
                .runs(RunOutcome.FAILED));
        assertEquals(List.of(), metrics.unfinished());
    }

    @Test
    void aRunLockedOutOfSeveralNodesCountsItselfOnEachAndLeavesTheHoldersRunUnderWay() throws Exception {
        Path file = dir.resolve("nixpve.prom");
        RunMetrics holder = metrics(file, "pve1", "pve2");
        holder.emit(new RunStartedEvent(RUN, "nixos-base", "pve1"));
        holder.emit(new RunStartedEvent(RUN, "nixos-base", "pve2"));

        RunMetrics locked = metrics(file, "pve1", "pve2");
        locked.emit(new RunFinishedEvent("bbbbbbbbbbbb", "nixos-base", "pve1", RunOutcome.LOCKED, Duration.ZERO,
                Optional.empty()));
        locked.emit(new RunFinishedEvent("bbbbbbbbbbbb", "nixos-base", "pve2", RunOutcome.LOCKED, Duration.ZERO,
                Optional.empty()));

        List<MetricsFiles.Sample> samples = MetricsFiles.samples(Files.readString(file));
        for (String node : List.of("pve1", "pve2")) {
            assertEquals(1, value(samples, node, "nixpve_runs_total", "outcome", "locked"), node);
            assertEquals(1, value(samples, node, "nixpve_run_in_progress", null, null), node);
        }
    }

    @Test
    void theNodesWhoseEndWasNotSeenAreUnfinished() {
        RunMetrics metrics = metrics(dir.resolve("nixpve.prom"), "pve1", "pve2");
        metrics.emit(new RunFinishedEvent(RUN, "nixos-base", "pve2", RunOutcome.FAILED, Duration.ZERO,
                Optional.empty()));
        metrics.emit(new RunFinishedEvent(RUN, "nixos-base", "pve3", RunOutcome.FAILED, Duration.ZERO,
                Optional.empty()));

        assertEquals(List.of("pve1"), metrics.unfinished());
        assertFalse(Files.exists(dir.resolve("state/metrics/nixos-base@pve3.json")), "pve3 is not in this run");
    }

    @Test
    void aNodeTheRunLeftOutIsShownAsItsHistoryHasItAndCountsNothing() throws Exception {
        Path file = dir.resolve("nixpve.prom");
        RunMetrics earlier = metrics(file, "pve1", "pve3");
        earlier.emit(new RunFinishedEvent(RUN, "nixos-base", "pve3", RunOutcome.SUCCEEDED, Duration.ofMinutes(7),
                Optional.of(template("pve3", 9301))));
        long pve3Succeeded = clock.instant().getEpochSecond();
        clock.advance(Duration.ofDays(7));

        // all, with pve3 offline: the run takes pve1 only; pve3's last success stays to age and alert
        RunMetrics metrics = new RunMetrics("nixos-base", histories("pve1"), histories("pve3"),
                List.of(new TextfileExporter(file)), clock, e -> { throw new AssertionError(e.toString()); });
        metrics.emit(new RunStartedEvent("bbbbbbbbbbbb", "nixos-base", "pve1"));
        metrics.emit(new StepEvent(StepId.RECOVER, StepEvent.Status.DONE, Duration.ofSeconds(1), ""));
        metrics.emit(new RunFinishedEvent("bbbbbbbbbbbb", "nixos-base", "pve1", RunOutcome.SUCCEEDED,
                Duration.ofMinutes(7), Optional.of(template("pve1", 9101))));

        List<MetricsFiles.Sample> samples = MetricsFiles.samples(Files.readString(file));
        assertEquals(pve3Succeeded, value(samples, "pve3", "nixpve_last_success_timestamp_seconds", null, null));
        assertEquals(1, value(samples, "pve3", "nixpve_runs_total", "outcome", "succeeded"));
        assertEquals(9301, value(samples, "pve3", "nixpve_template_vmid", null, null));
        assertTrue(samples.stream().noneMatch(s -> s.name().startsWith("nixpve_step_duration")
                && s.labels().get("node").equals("pve3")), "pve3 took no part in this run's steps");
        assertEquals(List.of(), metrics.unfinished(), "a node left out is not failed for want of an end");
    }

    private RunMetrics metrics(Path file, String... nodes) {
        return new RunMetrics("nixos-base", histories(nodes), List.of(new TextfileExporter(file)), clock,
                e -> { throw new AssertionError(e.toString()); });
    }

    private Map<String, HistoryFile> histories(String... nodes) {
        Map<String, HistoryFile> histories = new LinkedHashMap<>();
        for (String node : nodes) {
            histories.put(node, new HistoryFile(dir.resolve("state/metrics/nixos-base@" + node + ".json")));
        }
        return histories;
    }

    private static TemplateFacts template(String node, int vmid) {
        return new TemplateFacts(node, vmid, "nixos-base-5a29de3b", "5a29de3b93810000",
                "0123456789abcdef0123456789abcdef01234567", Instant.parse("2026-11-23T10:05:00Z"));
    }

    private static double value(List<MetricsFiles.Sample> samples, String node, String name, String label,
                                String labelValue) {
        return samples.stream().filter(s -> s.name().equals(name) && node.equals(s.labels().get("node")))
                .filter(s -> label == null || labelValue.equals(s.labels().get(label)))
                .mapToDouble(MetricsFiles.Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + "{node=" + node + "} in " + samples));
    }
}
