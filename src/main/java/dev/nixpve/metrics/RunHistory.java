package dev.nixpve.metrics;

import dev.nixpve.event.RunOutcome;
import dev.nixpve.event.TemplateFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the metrics of one image on one node carry from run to run, since each run is a process of
 * its own: how many runs ended each way (so {@code nixpve_runs_total} is a counter), when the last
 * success and failure were, whether a run is under way, and the template that is current.
 */
public record RunHistory(Map<RunOutcome, Long> runs, Optional<Instant> lastSuccess, Optional<Instant> lastFailure,
                         boolean inProgress, Optional<Instant> runStart, Optional<Duration> lastDuration,
                         Optional<TemplateFacts> template) {

    public static final RunHistory EMPTY = new RunHistory(Map.of(), Optional.empty(), Optional.empty(), false,
            Optional.empty(), Optional.empty(), Optional.empty());

    public RunHistory {
        runs = Map.copyOf(runs);
    }

    public long runs(RunOutcome outcome) {
        return runs.getOrDefault(outcome, 0L);
    }

    /** A run took the lock and began: it is under way until it finishes, or a later run starts. */
    public RunHistory started(Instant at) {
        return new RunHistory(runs, lastSuccess, lastFailure, true, Optional.of(at), lastDuration, template);
    }

    /**
     * A run ended. One that was locked out did nothing: it counts, and changes nothing else, since
     * the holder's run here is still under way; unless it had started itself ({@code startedHere}:
     * another machine's run, seen on the cluster, locked it out), when it is no longer under way.
     * A failed run leaves the current template as it was.
     */
    public RunHistory finished(RunOutcome outcome, Instant at, Duration elapsed, Optional<TemplateFacts> current,
                               boolean startedHere) {
        Map<RunOutcome, Long> counted = new EnumMap<>(RunOutcome.class);
        counted.putAll(runs);
        counted.merge(outcome, 1L, Long::sum);
        if (outcome == RunOutcome.LOCKED) {
            return new RunHistory(counted, lastSuccess, lastFailure, inProgress && !startedHere, runStart,
                    lastDuration, template);
        }
        return new RunHistory(counted, outcome.success() ? Optional.of(at) : lastSuccess,
                outcome.success() ? lastFailure : Optional.of(at), false, runStart, Optional.of(elapsed),
                current.or(() -> template));
    }
}
