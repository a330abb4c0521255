package dev.nixpve.nix;

import dev.nixpve.exec.ProcessResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Words a failed or timed-out build as one paragraph: what, how it ended and its last lines; and
 * reads from those lines what they show (a full disk, an old Nix), for the CLI's remedy.
 */
final class BuildFailures {

    private static final int EXCERPT_LINES = 3;
    private static final int EXCERPT_WIDTH = 200;

    private BuildFailures() {
    }

    static IsoBuildException of(String what, ProcessResult result, Duration timeout) {
        if (result.timedOut()) {
            return new IsoBuildException(IsoBuildException.Reason.BUILD_TIMED_OUT, what + " did not finish within "
                    + human(timeout) + " (build.timeout) and was stopped" + excerpt(result.tail()), result.tail());
        }
        return IsoBuildException.logged(IsoBuildException.Reason.BUILD_FAILED, what + " failed with exit code "
                + result.exitCode() + " after " + human(result.elapsed()) + excerpt(result.tail()), result.tail(),
                shows(result.tail()));
    }

    static IsoBuildException.LogShows shows(List<String> tail) {
        String lower = String.join("\n", tail).toLowerCase(Locale.ROOT);
        if (lower.contains("no space left on device")) {
            return IsoBuildException.LogShows.DISK_FULL;
        }
        if (lower.contains("unrecognised flag") || lower.contains("unrecognized flag")) {
            return IsoBuildException.LogShows.NIX_TOO_OLD;
        }
        if (lower.contains("cannot connect to the docker daemon")) {
            return IsoBuildException.LogShows.DOCKER_DAEMON_DOWN;
        }
        if (lower.contains("docker.sock") && lower.contains("permission denied")) {
            return IsoBuildException.LogShows.DOCKER_NOT_PERMITTED;
        }
        if (lower.contains("daemon-socket")) {
            return IsoBuildException.LogShows.NIX_DAEMON_DOWN;
        }
        return IsoBuildException.LogShows.NOTHING_KNOWN;
    }

    /** "; last lines: a | b | c", the last few non-blank lines, each cut to a readable width. */
    static String excerpt(List<String> tail) {
        List<String> lines = tail.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "; it printed nothing";
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - EXCERPT_LINES), lines.size()).stream()
                .map(l -> l.length() > EXCERPT_WIDTH ? l.substring(0, EXCERPT_WIDTH) + "…" : l).toList();
        return "; last lines: " + String.join(" | ", last);
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0 && !duration.isZero()) {
            return duration.toMillis() + "ms";
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
