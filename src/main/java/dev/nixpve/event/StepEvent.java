package dev.nixpve.event;

import java.time.Duration;

/** A pipeline step started, finished, was skipped (with the reason as detail) or failed. */
public record StepEvent(StepId step, Status status, Duration elapsed, String detail) implements Event {

    public enum Status { STARTED, DONE, SKIPPED, FAILED }

    public static StepEvent started(StepId step) {
        return new StepEvent(step, Status.STARTED, Duration.ZERO, "");
    }

    @Override
    public String kind() {
        return "step";
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.step(this);
    }
}
