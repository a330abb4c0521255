package dev.nixpve.sim.fault;

import dev.nixpve.monitor.InstallProgress.Phase;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One injected fault, written on the command line as {@code --fault SPEC}. The specs:
 * {@code install-fail[=phase]}, {@code install-hang}, {@code agent-silent}, {@code upload-reset[=count]},
 * {@code upload-answer-lost[=count]},
 * {@code http-500=METHOD:path-glob[:count]}, {@code task-fail=tasktype[:exitstatus]}, {@code nextid-race},
 * {@code lock=vmid:kind}, {@code token-expire=seconds} or {@code token-expire=after:METHOD:path-glob[:count]},
 * {@code node-offline=node[@when]},
 * {@code storage-full=storage}.
 */
public sealed interface Fault {

    String USAGE = "install-fail[=phase], install-hang, agent-silent, upload-reset[=count], "
            + "upload-answer-lost[=count], http-500=METHOD:path-glob[:count], task-fail=tasktype[:exitstatus], nextid-race, lock=vmid:kind, "
            + "token-expire=seconds, token-expire=after:METHOD:path-glob[:count], node-offline=node[@when], "
            + "storage-full=storage";

    /** How {@code @when} of node-offline is written. */
    String NODE_OFFLINE_WHEN = "when is Ns or Nm after the simulator starts, taskN as the node's Nth task ends, "
            + "or taskN+Ns (Nm) that long after it";

    /** The installer fails in this phase (default {@code install}): progress {@code failed}, power-off. */
    record InstallFail(Phase phase) implements Fault {
    }

    /** The installer stops advancing in its install phase and never powers off. */
    record InstallHang() implements Fault {
    }

    /** No guest agent ever answers. */
    record AgentSilent() implements Fault {
    }

    /** The next {@code count} uploads lose their connection halfway through the body. */
    record UploadReset(int count) implements Fault {
    }

    /**
     * The next {@code count} uploads arrive whole and their imgcopy task starts, but the connection
     * is reset before the answer (a proxy in front of PVE that gave up), and the copy into place
     * takes {@link #COPY}, as onto slow storage: the file appears long after the client lost sight of it.
     */
    record UploadAnswerLost(int count) implements Fault {
        public static final Duration COPY = Duration.ofSeconds(60);
    }

    /**
     * Matching requests get a 500; {@code count} of them, or every one when {@code count} is 0. Its
     * text ends as PVE's most common passing 500 does, a lock or command timeout (pve-common
     * Tools.pm: "can't lock file '...' - got timeout"), so a client may tell it from a domain error.
     */
    record Http500(String method, String pathGlob, int count) implements Fault {
        public static String message(String requestMethod, String path) {
            return "injected failure (http-500 fault) on " + requestMethod + " " + path + ": got timeout";
        }

        public boolean matches(String requestMethod, String path) {
            return method.equalsIgnoreCase(requestMethod) && Globs.toRegex(pathGlob).matcher(path).matches();
        }
    }

    /** Every task of this type fails with this exitstatus. */
    record TaskFail(String taskType, String exitStatus) implements Fault {
    }

    /** Another client takes the VMID {@code /cluster/nextid} just suggested, once. */
    record NextidRace() implements Fault {
    }

    /** The VM carries this config lock (as if a backup or migration held it). */
    record Lock(int vmid, String kind) implements Fault {
    }

    /** API tokens and tickets stop working this long after the simulator started. */
    record TokenExpire(Duration after) implements Fault {
    }

    /**
     * API tokens and tickets stop working once {@code count} requests matching {@code method} and
     * {@code pathGlob} have been answered: the next request, whatever it is, is refused. A step
     * that makes a call no other step makes is hit exactly, where a time would have to be read off
     * a run's clock (a step of a few requests, or one at the run's first instant, preflight's).
     */
    record TokenExpireAfterCall(String method, String pathGlob, int count) implements Fault {
        public boolean matches(String requestMethod, String path) {
            return method.equalsIgnoreCase(requestMethod) && Globs.toRegex(pathGlob).matcher(path).matches();
        }
    }

    /**
     * The node is down: listed as offline, calls proxied to it fail with 595; an upload targeting
     * it (not proxied) fails after its body with 500 "can't activate storage". Standing (down from
     * the start, or from the next request when added while running) unless timed: {@code delay}
     * after the simulator starts, or, with {@code afterTasks} N &gt; 0, {@code delay} after the
     * node's Nth task ends, so a test can let a VM be created and started and kill its node during
     * the install. A timed one strikes at exactly its moment on the simulator's clock.
     */
    record NodeOffline(String node, int afterTasks, Duration delay) implements Fault {
        public NodeOffline(String node) {
            this(node, 0, Duration.ZERO);
        }

        /** {@code taskN[+DURATION]} or {@code DURATION}: seconds ({@code 30s}) or minutes ({@code 2m}). */
        private static final Pattern WHEN = Pattern.compile("task(\\d+)(?:\\+(\\d+[sm]))?|(\\d+[sm])");

        /** Down from the start, for as long as the fault is in force. */
        public boolean standing() {
            return afterTasks == 0 && delay.isZero();
        }

        static NodeOffline parse(String arg) {
            int at = arg.indexOf('@');
            String node = identifier(at < 0 ? arg : arg.substring(0, at));
            if (at < 0) {
                return new NodeOffline(node);
            }
            String when = arg.substring(at + 1);
            Matcher parts = WHEN.matcher(when);
            if (!parts.matches()) {
                throw new IllegalArgumentException("'" + when + "': " + NODE_OFFLINE_WHEN);
            }
            if (parts.group(3) != null) {
                return new NodeOffline(node, 0, duration(parts.group(3)));
            }
            return new NodeOffline(node, positive(parts.group(1)),
                    parts.group(2) == null ? Duration.ZERO : duration(parts.group(2)));
        }

        private static Duration duration(String text) {
            long amount = positive(text.substring(0, text.length() - 1));
            return text.endsWith("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
        }
    }

    /** The storage has no free space left. */
    record StorageFull(String storage) implements Fault {
    }

    static Fault parse(String spec) {
        String text = spec.strip();
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        String arg = eq < 0 ? null : text.substring(eq + 1);
        try {
            return switch (name) {
                case "install-fail" -> new InstallFail(arg == null ? Phase.INSTALL : phase(arg));
                case "install-hang" -> noArgument(name, arg, new InstallHang());
                case "agent-silent" -> noArgument(name, arg, new AgentSilent());
                case "upload-reset" -> new UploadReset(arg == null ? 1 : positive(arg));
                case "upload-answer-lost" -> new UploadAnswerLost(arg == null ? 1 : positive(arg));
                case "http-500" -> http500(required(name, arg));
                case "task-fail" -> taskFail(required(name, arg));
                case "nextid-race" -> noArgument(name, arg, new NextidRace());
                case "lock" -> lock(required(name, arg));
                case "token-expire" -> tokenExpire(required(name, arg));
                case "node-offline" -> NodeOffline.parse(required(name, arg));
                case "storage-full" -> new StorageFull(identifier(required(name, arg)));
                default -> throw new IllegalArgumentException("unknown fault '" + name + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid fault '" + spec + "': " + e.getMessage()
                    + ". Faults: " + USAGE, e);
        }
    }

    private static Fault http500(String arg) {
        String[] parts = arg.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || !parts[0].matches("(?i)GET|POST|PUT|DELETE")
                || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("expected METHOD:/path-glob[:count], e.g. GET:/nodes/*/qemu/*/status/current:2");
        }
        int count = parts.length == 3 ? positive(parts[2]) : 0;
        return new Http500(parts[0].toUpperCase(Locale.ROOT), parts[1], count);
    }

    private static Fault tokenExpire(String arg) {
        if (!arg.startsWith("after:")) {
            return new TokenExpire(Duration.ofSeconds(positive(arg)));
        }
        String[] parts = arg.substring("after:".length()).split(":", -1);
        if (parts.length < 2 || parts.length > 3 || !parts[0].matches("(?i)GET|POST|PUT|DELETE")
                || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("expected seconds or after:METHOD:/path-glob[:count], e.g. "
                    + "after:POST:/nodes/*/qemu/*/template");
        }
        int count = parts.length == 3 ? positive(parts[2]) : 1;
        return new TokenExpireAfterCall(parts[0].toUpperCase(Locale.ROOT), parts[1], count);
    }

    private static Fault taskFail(String arg) {
        int colon = arg.indexOf(':');
        String type = colon < 0 ? arg : arg.substring(0, colon);
        String status = colon < 0 ? "injected failure (task-fail fault)" : arg.substring(colon + 1);
        if (!type.matches("[a-z]+") || status.isBlank()) {
            throw new IllegalArgumentException("expected tasktype[:exitstatus], e.g. qmclone:clone failed: no space");
        }
        return new TaskFail(type, status);
    }

    private static Fault lock(String arg) {
        String[] parts = arg.split(":", 2);
        if (parts.length != 2 || !Pattern.matches("backup|clone|create|migrate|rollback|snapshot|snapshot-delete"
                + "|suspending|suspended|disk", parts[1])) {
            throw new IllegalArgumentException("expected vmid:kind with kind one of backup, clone, create, migrate, "
                    + "rollback, snapshot, snapshot-delete, suspending, suspended, disk");
        }
        return new Lock(positive(parts[0]), parts[1]);
    }

    private static Phase phase(String text) {
        return Arrays.stream(Phase.values()).filter(p -> p.wireName().equals(text) && !p.isFinal()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("phase must be one of guard, partition, format, "
                        + "install, bootloader"));
    }

    private static int positive(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a positive whole number");
    }

    private static String identifier(String text) {
        if (!text.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("'" + text + "' is not a node or storage name");
        }
        return text;
    }

    private static String required(String name, String arg) {
        if (arg == null || arg.isEmpty()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return arg;
    }

    private static Fault noArgument(String name, String arg, Fault fault) {
        if (arg != null) {
            throw new IllegalArgumentException(name + " takes no value");
        }
        return fault;
    }
}
