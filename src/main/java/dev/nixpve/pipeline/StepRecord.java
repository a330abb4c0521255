package dev.nixpve.pipeline;

import dev.nixpve.event.StepId;
import java.time.Duration;
import java.time.Instant;

/** One step of a run for the build report: when it started, how long it took, and how it ended. */
public record StepRecord(StepId step, Outcome outcome, Instant startedAt, Duration duration, String detail) {

    public enum Outcome { DONE, SKIPPED, FAILED }
}
