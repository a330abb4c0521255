package dev.nixpve.nix;

import java.util.List;

/** A failed ISO build: a one-paragraph message with a hint, and the build's last log lines. */
public final class IsoBuildException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> logTail;

    public IsoBuildException(String message, List<String> logTail) {
        super(message);
        this.logTail = List.copyOf(logTail);
    }

    public IsoBuildException(String message, List<String> logTail, Throwable cause) {
        super(message, cause);
        this.logTail = List.copyOf(logTail);
    }

    public List<String> logTail() {
        return logTail;
    }
}
