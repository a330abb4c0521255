package dev.nixpve.nix;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A failed ISO build: what failed as one paragraph, the build's last log lines, and what the CLI
 * needs to say what to do: a {@link Reason}, what the log shows, the tool or directory concerned.
 * It carries no remedy of its own: the CLI words the "Hint:".
 */
public final class IsoBuildException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What failed, as far as the remedy differs: the CLI has one per reason. */
    public enum Reason {
        /** No {@code nix} on this machine's PATH. */
        NIX_NOT_INSTALLED,
        /** No {@code docker} on this machine's PATH. */
        DOCKER_NOT_INSTALLED,
        /** nix or docker was found but could not be started: {@link #tool()} says which. */
        TOOL_WOULD_NOT_START,
        /** Docker is installed but its daemon does not answer; {@link #logShows()} may say why. */
        DOCKER_NOT_ANSWERING,
        /** The build (or lock) ran longer than build.timeout and was stopped. */
        BUILD_TIMED_OUT,
        /** The build (or lock) exited non-zero; {@link #logShows()} says what its log shows. */
        BUILD_FAILED,
        /** nix build succeeded but printed no store path (a Nix older than 2.8). */
        NO_OUTPUT_PATH,
        /** The build's output holds no readable iso directory. */
        OUTPUT_UNREADABLE,
        /** The build's output holds no ISO or several. */
        NOT_ONE_ISO,
        /** The ISO could not be written into {@link #directory()}. */
        COPY_FAILED,
        /** A path holds characters Docker's --mount cannot take. */
        UNMOUNTABLE_PATH,
        /** The rendered tree's image data cannot be read. */
        TREE_UNREADABLE,
        /** The image name cannot be part of a file name. */
        BAD_IMAGE_NAME,
        /** nix flake lock finished without writing flake.lock. */
        NO_LOCK_FILE,
        /** nix is not on the PATH of a non-interactive SSH login on the build host. */
        NIX_NOT_ON_HOST,
        /** A helper command on the build host (tar, sha256sum) failed. */
        HOST_COMMAND_FAILED,
        /** The downloaded ISO's SHA-256 differs from the host's. */
        DOWNLOAD_CORRUPTED,
        /** An SSH failure: its message ends with what to do, worded by the ssh package; the CLI adds nothing. */
        OTHER
    }

    /** What a failed command's log shows, read from its last lines; the CLI words the remedy. */
    public enum LogShows {
        NOTHING_KNOWN,
        /** No space left on device. */
        DISK_FULL,
        /** A flag this Nix does not know: older than 2.8. */
        NIX_TOO_OLD,
        /** The Docker daemon is not running or not reachable. */
        DOCKER_DAEMON_DOWN,
        /** This user may not use the Docker socket. */
        DOCKER_NOT_PERMITTED,
        /** The Nix daemon's socket does not answer. */
        NIX_DAEMON_DOWN
    }

    /** The program a {@link Reason#TOOL_WOULD_NOT_START} names. */
    public enum Tool { NIX, DOCKER }

    private final Reason reason;
    private final List<String> logTail;
    private final LogShows logShows;
    private final Tool tool;
    private final Path directory;
    private final String rerun;

    private IsoBuildException(Reason reason, String message, List<String> logTail, LogShows logShows, Tool tool,
                              Path directory, String rerun, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.logTail = List.copyOf(logTail);
        this.logShows = logShows;
        this.tool = tool;
        this.directory = directory;
        this.rerun = rerun;
    }

    public IsoBuildException(Reason reason, String message, List<String> logTail) {
        this(reason, message, logTail, LogShows.NOTHING_KNOWN, null, null, null, null);
    }

    public IsoBuildException(Reason reason, String message, List<String> logTail, Throwable cause) {
        this(reason, message, logTail, LogShows.NOTHING_KNOWN, null, null, null, cause);
    }

    /** A command that failed ({@link Reason#BUILD_FAILED}, {@link Reason#DOCKER_NOT_ANSWERING}) with what its log shows. */
    public static IsoBuildException logged(Reason reason, String message, List<String> logTail, LogShows shows) {
        return new IsoBuildException(reason, message, logTail, shows, null, null, null, null);
    }

    /** A build on another host that failed; {@code rerun} is the command that runs it again there by hand. */
    public static IsoBuildException remote(String message, List<String> logTail, LogShows shows, String rerun) {
        return new IsoBuildException(Reason.BUILD_FAILED, message, logTail, shows, null, null, rerun, null);
    }

    public static IsoBuildException wouldNotStart(Tool tool, String message, Throwable cause) {
        return new IsoBuildException(Reason.TOOL_WOULD_NOT_START, message, List.of(), LogShows.NOTHING_KNOWN, tool,
                null, null, cause);
    }

    public static IsoBuildException copyFailed(Path directory, String message, List<String> logTail, Throwable cause) {
        return new IsoBuildException(Reason.COPY_FAILED, message, logTail, LogShows.NOTHING_KNOWN, null, directory,
                null, cause);
    }

    /** The same failure with another message and tail (masked), without the cause whose message may show more. */
    IsoBuildException withText(String message, List<String> logTail, String rerun) {
        IsoBuildException copy = new IsoBuildException(reason, message, logTail, logShows, tool, directory, rerun,
                null);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public Reason reason() {
        return reason;
    }

    public List<String> logTail() {
        return logTail;
    }

    /** What the log shows; {@link LogShows#NOTHING_KNOWN} when nothing nixpve recognises, or no log. */
    public LogShows logShows() {
        return logShows;
    }

    /** For {@link Reason#TOOL_WOULD_NOT_START}: which program. */
    public Optional<Tool> tool() {
        return Optional.ofNullable(tool);
    }

    /** For {@link Reason#COPY_FAILED}: the directory the ISO was to go to. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** For a failed build on another host: the command that reruns it there, in the tree it keeps. */
    public Optional<String> rerun() {
        return Optional.ofNullable(rerun);
    }
}
