package dev.nixpve.nix;

import dev.nixpve.exec.ProcessResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Words a failed or timed-out build as one paragraph: what, how it ended, its last lines, and a hint read from them. */
final class BuildFailures {

    private static final int EXCERPT_LINES = 3;
    private static final int EXCERPT_WIDTH = 200;

    private BuildFailures() {
    }

    static IsoBuildException of(String what, ProcessResult result, Duration timeout) {
        if (result.timedOut()) {
            return new IsoBuildException(what + " did not finish within " + human(timeout) + " (build.timeout) and "
                    + "was stopped" + excerpt(result.tail()) + ". Hint: a first build downloads and compiles a lot; if "
                    + "the log was still moving, raise build.timeout (e.g. 4h), and run with --verbose to watch it",
                    result.tail());
        }
        return new IsoBuildException(what + " failed with exit code " + result.exitCode() + " after "
                + human(result.elapsed()) + excerpt(result.tail()) + ". Hint: " + hint(result.tail()), result.tail());
    }

    static String hint(List<String> tail) {
        String text = String.join("\n", tail);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left on device")) {
            return "the disk is full; free space, e.g. nix-collect-garbage -d removes unused store paths";
        }
        if (lower.contains("unrecognised flag") || lower.contains("unrecognized flag")) {
            return "this Nix is too old: nixpve needs Nix 2.8 or later (nix --version); upgrade it or set "
                    + "build.builder: docker";
        }
        if (lower.contains("cannot connect to the docker daemon")) {
            return "the Docker daemon is not running or not reachable; start it (systemctl start docker)";
        }
        if (lower.contains("docker.sock") && lower.contains("permission denied")) {
            return "this user may not use Docker; add it to the docker group and log in again";
        }
        if (lower.contains("daemon-socket")) {
            return "the Nix daemon is not reachable; start it (systemctl start nix-daemon)";
        }
        return "the log lines say why; run again with --verbose to see the whole build log";
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
