package dev.nixpve.metrics;

import dev.nixpve.event.StepEvent;
import dev.nixpve.event.StepId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one run measured itself: each step's time and outcome, the upload's size and time, the
 * install's time and the smoke-test clone's boot time. Absent when the run did not get that far
 * or skipped it (nothing was uploaded: no throughput to tell).
 */
record Measured(List<StepTiming> steps, OptionalDouble uploadBytes, Optional<Duration> uploadTime,
                Optional<Duration> install, OptionalDouble smokeTestBootSeconds) {

    static final Measured NOTHING = new Measured(List.of(), OptionalDouble.empty(), Optional.empty(),
            Optional.empty(), OptionalDouble.empty());

    record StepTiming(StepId step, StepEvent.Status outcome, Duration elapsed) {
    }

    Measured {
        steps = List.copyOf(steps);
    }

    OptionalDouble uploadThroughput() {
        if (uploadBytes.isEmpty() || uploadTime.isEmpty() || uploadTime.get().isZero()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(uploadBytes.getAsDouble() / (uploadTime.get().toNanos() / 1e9));
    }
}
