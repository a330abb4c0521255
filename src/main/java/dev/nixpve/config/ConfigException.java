package dev.nixpve.config;

/**
 * A configuration problem: where (file:line, environment variable, option or file), which key,
 * what is wrong, and what a valid value looks like (the allowed form or range), with a reason the
 * CLI turns into what to do. It carries no remedy of its own: the CLI words the "Hint:" (flags,
 * environment variables and commands are the CLI's to name). Never contains a secret.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the configuration cannot work, as far as the remedy differs: the CLI has one per reason. */
    public enum Reason {
        /** A value is not of the allowed form or range: {@link #expected()} says which. */
        INVALID_VALUE,
        /** No endpoint from any source. */
        NO_ENDPOINT,
        /** Neither a token nor a user and password. */
        NO_CREDENTIALS,
        /** A password without a user. */
        NO_USERNAME,
        /** A user without a password. */
        NO_PASSWORD,
        /** Several nodes (or all) for a command that works on one. */
        ONE_NODE_ONLY,
        /** The configuration file is missing, a directory, a device, binary or unreadable. */
        NOT_A_CONFIG_FILE,
        /** The configuration file cannot be read for its permissions. */
        FILE_NOT_READABLE,
        /** The configuration file is far larger than any configuration. */
        FILE_TOO_LARGE,
        /** Node names that are no nodes of the cluster. */
        UNKNOWN_NODE,
        /** All nodes, but none is online. */
        NO_NODE_ONLINE,
        /** 'all' where one node's name belongs. */
        ALL_IS_NO_NODE,
        /** 'all' in a list of node names. */
        ALL_AMONG_NAMES
    }

    private final String where;
    private final String key;
    private final String problem;
    private final Reason reason;
    private final String expected;

    /**
     * @param where    file:line, "environment VAR", "option --flag", a path, or "" when the key says it
     * @param key      the key, or ""
     * @param expected what a valid value looks like, or "" when the reason says all
     */
    public ConfigException(String where, String key, String problem, Reason reason, String expected) {
        super(join(where, key, problem));
        this.where = where;
        this.key = key;
        this.problem = problem;
        this.reason = reason;
        this.expected = expected;
    }

    /** A value that is not what {@code expected} describes. */
    public static ConfigException at(Origin origin, String key, String problem, String expected) {
        return new ConfigException(origin.toString(), key, problem, Reason.INVALID_VALUE, expected);
    }

    /** A problem of the file or of a setting's absence, with its reason. */
    public static ConfigException of(String where, String key, String problem, Reason reason) {
        return new ConfigException(where, key, problem, reason, "");
    }

    private static String join(String where, String key, String problem) {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {where, key}) {
            if (!part.isEmpty()) {
                text.append(part).append(": ");
            }
        }
        return text.append(problem).toString();
    }

    public String where() {
        return where;
    }

    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }

    public Reason reason() {
        return reason;
    }

    /** What a valid value looks like: a form, an example, a range; "" when the reason says it. */
    public String expected() {
        return expected;
    }
}
