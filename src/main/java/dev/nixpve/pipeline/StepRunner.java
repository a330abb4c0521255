package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.Step;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.StepEvent;
import dev.nixpve.event.StepId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs steps in the order a recipe calls them, announcing each, timing it with the injected clock
 * and recording the outcome. A failing step stops the run: the runner records it and rethrows,
 * and the recipe rolls the journal back.
 */
public final class StepRunner {

    private final Clock clock;
    private final EventSink events;
    private final List<StepRecord> records = new ArrayList<>();
    private Optional<StepId> current = Optional.empty();

    public StepRunner(Clock clock, EventSink events) {
        this.clock = clock;
        this.events = events;
    }

    public <T> T run(Step<T> step) throws Exception {
        Instant start = clock.instant();
        current = Optional.of(step.id());
        events.emit(StepEvent.started(step.id()));
        try {
            T result = step.run();
            finish(step.id(), StepRecord.Outcome.DONE, start, step.summary(result));
            return result;
        } catch (Exception | Error e) {
            finish(step.id(), StepRecord.Outcome.FAILED, start, e.getMessage() == null ? e.toString()
                    : e.getMessage());
            throw e;
        }
    }

    /**
     * The recipe's look whether {@code step} is needed at all (is the ISO on the storage already?).
     * Nothing is said when it answers, the recipe then runs or skips the step; when the look fails,
     * the step failed, announced and recorded like one that ran, so the run blames it and not the
     * step before.
     */
    public <T> T check(StepId step, Callable<T> look) throws Exception {
        Instant start = clock.instant();
        try {
            return look.call();
        } catch (Exception | Error e) {
            current = Optional.of(step);
            events.emit(StepEvent.started(step));
            finish(step, StepRecord.Outcome.FAILED, start, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
    }

    public void skip(StepId step, String reason) {
        Instant now = clock.instant();
        records.add(new StepRecord(step, StepRecord.Outcome.SKIPPED, now, Duration.ZERO, reason));
        events.emit(new StepEvent(step, StepEvent.Status.SKIPPED, Duration.ZERO, reason));
    }

    /** The step that runs or ran last: the one to blame when the recipe fails between steps. */
    public Optional<StepId> current() {
        return current;
    }

    public List<StepRecord> records() {
        return List.copyOf(records);
    }

    private void finish(StepId step, StepRecord.Outcome outcome, Instant start, String detail) {
        Duration elapsed = Duration.between(start, clock.instant());
        records.add(new StepRecord(step, outcome, start, elapsed, detail));
        events.emit(new StepEvent(step, outcome == StepRecord.Outcome.DONE ? StepEvent.Status.DONE
                : StepEvent.Status.FAILED, elapsed, detail));
    }
}
