package dev.nixpve.pipeline;

import java.time.Duration;
import java.time.Instant;

/** One step of a run for the build report: when it started, how long it took, and how it ended. */
public record StepRecord(String step, Outcome outcome, Instant startedAt, Duration duration, String detail) {

    public enum Outcome { DONE, SKIPPED, FAILED }
}
