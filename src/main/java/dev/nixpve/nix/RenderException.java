package dev.nixpve.nix;

/**
 * The build tree could not be rendered. {@link #refused()} tells a refusal (wrong output
 * directory, invalid value, broken template set: nothing was written) from a failure while writing.
 * The message is one paragraph ending in a hint.
 */
public final class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean refused;

    private RenderException(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    public static RenderException refused(String problem, String hint) {
        return new RenderException(problem + ". Hint: " + hint + ".", true, null);
    }

    public static RenderException failed(String problem, String hint, Throwable cause) {
        return new RenderException(problem + ". Hint: " + hint + ".", false, cause);
    }

    public boolean refused() {
        return refused;
    }
}
