package dev.nixpve.pipeline.steps;

import dev.nixpve.event.StepId;

/**
 * One step of a recipe: built with what it needs, run once by the {@link StepRunner}, which
 * announces, times and records it. {@code summary} is the one line shown when it is done.
 */
public interface Step<T> {

    StepId id();

    T run() throws Exception;

    String summary(T result);
}
