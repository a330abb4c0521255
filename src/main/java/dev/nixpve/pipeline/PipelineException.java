package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.StepFailure;
import dev.nixpve.pipeline.steps.Journal;
import dev.nixpve.pipeline.steps.LeftOnProxmox;

import java.util.List;

/**
 * A run failed in {@code step}. The cause says why (a {@link StepFailure}, a PVE or build error);
 * {@code cleanup} lists what the run removed or kept afterwards, and {@code left} what a read of the
 * cluster after that found still there, so the CLI can say it in one place.
 */
public final class PipelineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final List<Journal.Entry> cleanup;

    private final boolean interrupted;
    private final transient LeftOnProxmox left;

    /** A failure with nothing to clean up or look for (publishing, starting). */
    public PipelineException(String step, Throwable cause, List<Journal.Entry> cleanup) {
        this(step, cause, cleanup, false, LeftOnProxmox.notChecked());
    }

    public PipelineException(String step, Throwable cause, List<Journal.Entry> cleanup, boolean interrupted,
                             LeftOnProxmox left) {
        super("step '" + step + "' failed", cause);
        this.step = step;
        this.cleanup = List.copyOf(cleanup);
        this.interrupted = interrupted;
        this.left = left;
    }

    /** What of the run a read of the cluster after its cleanup found (or, unread, what may be there). */
    public LeftOnProxmox left() {
        return left;
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
