package dev.nixpve.ssh;

/**
 * A failure talking to an SSH host: connecting, verifying its host key, authenticating, running a
 * command or moving a file. The message names the host and port and ends with what to do; it never
 * carries key material.
 */
public final class SshException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Connection refused, unknown host, no route, connect timeout. */
        UNREACHABLE,
        /** The host's key is not in known_hosts. */
        HOST_KEY_UNKNOWN,
        /** known_hosts has a different (or revoked) key for the host. */
        HOST_KEY_CHANGED,
        /** The host's key does not match build.hostKeyFingerprint. */
        HOST_KEY_MISMATCH,
        /** The private key file cannot be used: missing, unreadable, encrypted, not a key. */
        KEY_UNUSABLE,
        /** The host refused every offered key. */
        AUTH_REFUSED,
        /** A command did not finish within its timeout. */
        TIMEOUT,
        /** An SFTP upload, download or mkdir failed. */
        TRANSFER,
        /** Anything else on the wire. */
        PROTOCOL
    }

    private final Kind kind;
    private final String host;
    private final int port;
    private final String hint;

    public SshException(Kind kind, String host, int port, String what, String hint, Throwable cause) {
        super(what + "; " + hint, cause);
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.hint = hint;
    }

    public Kind kind() {
        return kind;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String hint() {
        return hint;
    }
}
