package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.StepFailure;
import dev.nixpve.pipeline.steps.Journal;

import java.util.List;

/**
 * A run failed in {@code step}. The cause says why (a {@link StepFailure}, a PVE or build error);
 * {@code cleanup} lists what the run removed or kept afterwards, so the CLI can say it in one place.
 */
public final class PipelineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final List<Journal.Entry> cleanup;

    private final boolean interrupted;

    public PipelineException(String step, Throwable cause, List<Journal.Entry> cleanup) {
        this(step, cause, cleanup, false);
    }

    public PipelineException(String step, Throwable cause, List<Journal.Entry> cleanup, boolean interrupted) {
        super("step '" + step + "' failed", cause);
        this.step = step;
        this.cleanup = List.copyOf(cleanup);
        this.interrupted = interrupted;
    }

    /** The run was interrupted (a signal) and cleaned up; the caller should restore the interrupt. */
    public boolean interrupted() {
        return interrupted;
    }

    public String step() {
        return step;
    }

    public List<Journal.Entry> cleanup() {
        return cleanup;
    }
}
