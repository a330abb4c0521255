package dev.nixpve.pipeline;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.StepEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs steps in the order a recipe calls them, announcing each, timing it with the injected clock
 * and recording the outcome. A failing step stops the run: the runner records it and rethrows,
 * and the recipe's caller rolls the journal back.
 */
public final class StepRunner {

    /** A step's body; it may throw anything, the runner records and rethrows it. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    private final Clock clock;
    private final EventSink events;
    private final List<StepRecord> records = new ArrayList<>();
    private String current = "start";

    public StepRunner(Clock clock, EventSink events) {
        this.clock = clock;
        this.events = events;
    }

    public <T> T run(String step, Body<T> body) throws Exception {
        return run(step, body, result -> "");
    }

    /** Runs a step; {@code summary} turns its result into the one-line detail shown when it is done. */
    public <T> T run(String step, Body<T> body, java.util.function.Function<T, String> summary) throws Exception {
        Instant start = clock.instant();
        current = step;
        events.emit(StepEvent.started(step));
        try {
            T result = body.run();
            finish(step, StepRecord.Outcome.DONE, start, summary.apply(result));
            return result;
        } catch (Exception | Error e) {
            finish(step, StepRecord.Outcome.FAILED, start, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
    }

    public void skip(String step, String reason) {
        Instant now = clock.instant();
        records.add(new StepRecord(step, StepRecord.Outcome.SKIPPED, now, Duration.ZERO, reason));
        events.emit(new StepEvent(step, StepEvent.Status.SKIPPED, Duration.ZERO, reason));
    }

    /** The step that runs or ran last: the one to blame when the recipe fails between calls. */
    public String current() {
        return current;
    }

    public List<StepRecord> records() {
        return List.copyOf(records);
    }

    private void finish(String step, StepRecord.Outcome outcome, Instant start, String detail) {
        Duration elapsed = Duration.between(start, clock.instant());
        records.add(new StepRecord(step, outcome, start, elapsed, detail));
        events.emit(new StepEvent(step, outcome == StepRecord.Outcome.DONE ? StepEvent.Status.DONE
                : StepEvent.Status.FAILED, elapsed, detail));
    }
}
