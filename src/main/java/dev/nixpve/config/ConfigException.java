package dev.nixpve.config;

/**
 * A configuration problem, worded as one paragraph: where (file:line, environment variable or
 * option), which key, what is wrong, and after "Hint:" what to do. Never contains a secret.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException at(Origin origin, String key, String problem, String hint) {
        return new ConfigException(origin + ": " + key + ": " + problem + ". Hint: " + hint);
    }
}
