package dev.nixpve.cli;

/** nixpve's exit codes: scripts and timers branch on them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The work failed: PVE refused, a task failed, a check found problems. */
    public static final int FAILURE = 1;
    /** The command line or the configuration is wrong; nothing was attempted. */
    public static final int USAGE = 2;
    /** Another live run builds the same image on the same node; nothing was done (a timer may simply retry). */
    public static final int LOCKED = 3;

    private ExitCodes() {
    }
}
