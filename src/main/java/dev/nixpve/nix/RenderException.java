package dev.nixpve.nix;

/**
 * The build tree could not be rendered: what failed as one paragraph, and a {@link Reason} the CLI
 * turns into what to do (it carries no remedy of its own). {@link #refused()} tells a refusal
 * (wrong output directory, invalid value, broken template set: nothing was written) from a failure
 * while writing.
 */
public final class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What failed, as far as the remedy differs. */
    public enum Reason {
        /** The output path exists and is a file. */
        NOT_A_DIRECTORY(true),
        /** The output directory holds files and no previous render. */
        FOREIGN_DIRECTORY(true),
        /** The build tree cannot be created or written. */
        TREE_UNWRITABLE(false),
        /** image.nixpkgs is not a NixOS release branch. */
        BAD_NIXPKGS_BRANCH(true),
        /** The template set lacks a file (one its manifest lists, or flake.nix). */
        TEMPLATES_INCOMPLETE(true),
        /** A template file cannot be read. */
        TEMPLATES_UNREADABLE(false),
        /** The template set's flake.nix has no placeholder for the nixpkgs branch. */
        TEMPLATES_BROKEN(true),
        /** A manifest line is no plain relative path, or names a file nixpve or nix writes. */
        BAD_MANIFEST_ENTRY(true);

        private final boolean refused;

        Reason(boolean refused) {
            this.refused = refused;
        }
    }

    private final Reason reason;

    private RenderException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Refused before anything was written. */
    public static RenderException refused(Reason reason, String problem) {
        if (!reason.refused) {
            throw new IllegalArgumentException(reason + " is a failure, not a refusal");
        }
        return new RenderException(reason, problem, null);
    }

    /** Failed while reading the templates or writing the tree. */
    public static RenderException failed(Reason reason, String problem, Throwable cause) {
        if (reason.refused) {
            throw new IllegalArgumentException(reason + " is a refusal, not a failure");
        }
        return new RenderException(reason, problem, cause);
    }

    public Reason reason() {
        return reason;
    }

    public boolean refused() {
        return reason.refused;
    }
}
