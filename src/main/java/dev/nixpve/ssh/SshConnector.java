package dev.nixpve.ssh;

import dev.nixpve.config.BuildSettings;
import dev.nixpve.config.BuilderTarget;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;

/**
 * Opens an {@link SshSession} to an {@code ssh://} build host with the {@code build.*} SSH settings:
 * the login user defaults to the local user, the key is {@code build.sshIdentity} or the default
 * OpenSSH keys, and the host key must be in known_hosts or match {@code build.hostKeyFingerprint}.
 */
public final class SshConnector {

    static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    /** Long silent build steps must not let a NAT or firewall drop the connection. */
    static final int KEEPALIVE_SECONDS = 30;

    private final BuildSettings settings;
    private final Path home;
    private final String localUser;

    public SshConnector(BuildSettings settings) {
        this(settings, Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
    }

    /** {@code home} holds the default keys and known_hosts; tests pass their own. */
    SshConnector(BuildSettings settings, Path home, String localUser) {
        this.settings = settings;
        this.home = home;
        this.localUser = localUser;
    }

    public SshSession connect(BuilderTarget.Ssh target) throws SshException {
        String user = target.user().orElse(localUser);
        String host = target.host();
        int port = target.port();
        String where = "ssh://" + user + "@" + host + ":" + port;
        IdentityKeys.Failure failure = (kind, what, hint, cause) ->
                new SshException(kind, host, port, where + ": " + what, hint, cause);

        HostKeyPolicy policy = hostKeyPolicy(failure);
        SSHClient client = new SSHClient();
        try {
            IdentityKeys.Loaded keys = IdentityKeys.load(client, settings.sshIdentity(), home, failure);
            client.addHostKeyVerifier(policy);
            client.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            client.getConnection().getKeepAlive().setKeepAliveInterval(KEEPALIVE_SECONDS);
            try {
                client.connect(host, port);
            } catch (IOException e) {
                throw policy.rejection().map(r -> hostKeyRefused(r, policy, settings, host, port, failure))
                        .orElseGet(() -> connectFailed(e, host, port, failure));
            }
            try {
                client.authPublickey(user, keys.keys());
            } catch (UserAuthException e) {
                String skipped = keys.skippedEncrypted().isEmpty() ? ""
                        : " (skipped as encrypted: " + IdentityKeys.list(keys.skippedEncrypted()) + ")";
                throw failure.of(SshException.Kind.AUTH_REFUSED,
                        "the host refused the key " + IdentityKeys.list(keys.files()) + " for user " + user + skipped,
                        "add the matching .pub key to ~" + user + "/.ssh/authorized_keys on the build host, "
                                + "or set build.sshIdentity to a key it accepts (and the user in ssh://USER@host)", e);
            } catch (IOException e) {
                throw failure.of(SshException.Kind.PROTOCOL, "the connection failed during login: " + e.getMessage(),
                        "check the host's sshd log", e);
            }
            return new SshSession(client, host, port, where);
        } catch (SshException | RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    private HostKeyPolicy hostKeyPolicy(IdentityKeys.Failure failure) throws SshException {
        if (settings.hostKeyFingerprint().isPresent()) {
            return HostKeyPolicy.pinned(settings.hostKeyFingerprint().get());
        }
        Optional<Path> configured = settings.knownHosts();
        Path file = configured.orElse(home.resolve(".ssh").resolve("known_hosts"));
        if (configured.isPresent() && !Files.isRegularFile(file)) {
            throw failure.of(SshException.Kind.HOST_KEY_UNKNOWN, "build.knownHosts " + file + " does not exist",
                    "point build.knownHosts at an OpenSSH known_hosts file, or set build.hostKeyFingerprint", null);
        }
        try {
            return HostKeyPolicy.knownHosts(file);
        } catch (IOException e) {
            throw failure.of(SshException.Kind.HOST_KEY_UNKNOWN, "cannot read known_hosts " + file + ": " + e.getMessage(),
                    "make the file readable, or set build.hostKeyFingerprint", e);
        }
    }

    private static SshException hostKeyRefused(HostKeyPolicy.Rejection rejection, HostKeyPolicy policy,
                                               BuildSettings settings, String host, int port,
                                               IdentityKeys.Failure failure) {
        String offered = "the host offered the " + rejection.keyType() + " key " + rejection.fingerprint();
        String check = "check that fingerprint on the host itself (ssh-keygen -lf /etc/ssh/ssh_host_"
                + keyFileStem(rejection.keyType()) + "_key.pub)";
        String file = policy.knownHostsFile().map(Path::toString).orElse("");
        String keyscan = "ssh-keyscan -p " + port + " " + host + " >> " + file;
        switch (rejection.kind()) {
            case HOST_KEY_MISMATCH:
                return failure.of(rejection.kind(), offered + ", not build.hostKeyFingerprint "
                                + settings.hostKeyFingerprint().orElse(""),
                        check + "; if the host was reinstalled, set build.hostKeyFingerprint to its new fingerprint", null);
            case HOST_KEY_CHANGED:
                String entry = port == 22 ? host : "[" + host + "]:" + port;
                return failure.of(rejection.kind(), offered + ", which differs from its entry in " + file
                                + " (the host was reinstalled, or someone is intercepting the connection)",
                        check + "; if the change is expected, remove the old entry (ssh-keygen -R '" + entry + "' -f "
                                + file + ") and add the new one (" + keyscan + ")", null);
            default:
                return failure.of(SshException.Kind.HOST_KEY_UNKNOWN, offered + ", which is not in " + file
                                + " and nixpve never trusts an unknown host key",
                        check + ", then add it with '" + keyscan + "' or set build.hostKeyFingerprint: "
                                + rejection.fingerprint(), null);
        }
    }

    /** ssh-ed25519 → ed25519, ecdsa-sha2-nistp256 → ecdsa, ssh-rsa → rsa: the names of sshd's key files. */
    private static String keyFileStem(String keyType) {
        if (keyType.contains("ed25519")) {
            return "ed25519";
        }
        if (keyType.startsWith("ecdsa")) {
            return "ecdsa";
        }
        return keyType.contains("rsa") ? "rsa" : "*";
    }

    private static SshException connectFailed(IOException e, String host, int port, IdentityKeys.Failure failure) {
        String hint = "check the host and port in build.builder and that sshd runs there";
        if (e instanceof UnknownHostException) {
            return failure.of(SshException.Kind.UNREACHABLE, "unknown host " + host, hint, e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return failure.of(SshException.Kind.UNREACHABLE, "cannot connect (" + e.getMessage() + ")", hint, e);
        }
        if (e instanceof SocketTimeoutException) {
            return failure.of(SshException.Kind.UNREACHABLE, "no answer within " + CONNECT_TIMEOUT_MILLIS / 1000 + "s",
                    hint + " and that no firewall drops the connection", e);
        }
        return failure.of(SshException.Kind.PROTOCOL, "the SSH handshake failed: " + e.getMessage(),
                "check that port " + port + " on " + host + " is an SSH server", e);
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // Already failing; the original error is the one worth reporting.
        }
    }
}
