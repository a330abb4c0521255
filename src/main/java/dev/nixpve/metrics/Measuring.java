package dev.nixpve.metrics;

import dev.nixpve.event.Event;
import dev.nixpve.event.MeasuredEvent;
import dev.nixpve.event.StepEvent;
import dev.nixpve.event.StepId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** What one node's part of a run has measured so far, from its step and measure events. Not thread-safe. */
final class Measuring {

    private final List<Measured.StepTiming> steps = new ArrayList<>();
    private OptionalDouble uploadBytes = OptionalDouble.empty();
    private Optional<Duration> uploadTime = Optional.empty();
    private Optional<Duration> install = Optional.empty();
    private OptionalDouble bootSeconds = OptionalDouble.empty();

    /** Takes what {@code event} measured; other events measure nothing. */
    void add(Event event) {
        if (event instanceof StepEvent step && step.status() != StepEvent.Status.STARTED) {
            steps.add(new Measured.StepTiming(step.step(), step.status(), step.elapsed()));
            if (step.status() == StepEvent.Status.DONE && step.step() == StepId.UPLOAD) {
                uploadTime = Optional.of(step.elapsed());
            }
            if (step.status() == StepEvent.Status.DONE && step.step() == StepId.INSTALL) {
                install = Optional.of(step.elapsed());
            }
        } else if (event instanceof MeasuredEvent measured) {
            switch (measured.measure()) {
                case UPLOAD_BYTES -> uploadBytes = OptionalDouble.of(measured.value());
                case SMOKE_TEST_BOOT_SECONDS -> bootSeconds = OptionalDouble.of(measured.value());
                default -> throw new IllegalStateException("unknown measure " + measured.measure());
            }
        }
    }

    Measured measured() {
        return new Measured(steps, uploadBytes, uploadTime, install, bootSeconds);
    }
}
