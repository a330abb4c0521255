package dev.nixpve.pipeline;

/**
 * A step could not do its job for a reason the step itself understands (a preflight problem, a
 * failed install, a template that does not verify): a message and a hint, worded for the operator.
 * PVE and build errors reach the runner as their own exceptions and are described at the CLI edge.
 */
public final class StepFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;

    public StepFailure(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
