package dev.nixpve.pipeline;

import java.util.List;

/**
 * A run failed in {@code step}. The cause says why (a {@link StepFailure}, a PVE or build error);
 * {@code cleanup} lists what the run removed or kept afterwards, so the CLI can say it in one place.
 */
public final class PipelineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final List<Journal.Entry> cleanup;

    public PipelineException(String step, Throwable cause, List<Journal.Entry> cleanup) {
        super("step '" + step + "' failed", cause);
        this.step = step;
        this.cleanup = List.copyOf(cleanup);
    }

    public String step() {
        return step;
    }

    public List<Journal.Entry> cleanup() {
        return cleanup;
    }
}
