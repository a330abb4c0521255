package dev.nixpve.monitor;

import java.util.List;

/** The install failed or ran out of time; the message names the phase, the log tail is the installer's. */
public final class InstallFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String hint;
    private final List<String> logTail;

    public InstallFailedException(String message, String hint, List<String> logTail) {
        super(message);
        this.hint = hint;
        this.logTail = List.copyOf(logTail);
    }

    public String hint() {
        return hint;
    }

    public List<String> logTail() {
        return logTail;
    }
}
