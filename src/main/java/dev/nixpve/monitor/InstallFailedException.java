package dev.nixpve.monitor;

import java.util.List;

/** The unattended install did not end well: why, what the installer said last, and its log tail. */
public final class InstallFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** How the install ended; the CLI has one remedy for each. */
    public enum Reason {
        /** The installer reported failed. */
        INSTALLER_FAILED,
        /** The whole install outlasted install.timeout. */
        TIMED_OUT,
        /** One phase outlasted install.phaseTimeout. */
        PHASE_TIMED_OUT,
        /** The VM powered off before the installer said done or failed. */
        POWERED_OFF_EARLY
    }

    private final Reason reason;
    private final List<String> logTail;

    public InstallFailedException(Reason reason, String message, List<String> logTail) {
        super(message);
        this.reason = reason;
        this.logTail = List.copyOf(logTail);
    }

    public Reason reason() {
        return reason;
    }

    public List<String> logTail() {
        return logTail;
    }
}
