package dev.nixpve.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Accepts a host key only when known_hosts lists it for the host (plain, hashed and
 * {@code [host]:port} entries, as OpenSSH writes them) or, when a fingerprint is pinned, only when
 * it has that fingerprint. Unknown keys are never accepted and known_hosts is never written. The
 * refused key is kept so the error can show its fingerprint.
 */
final class HostKeyPolicy implements HostKeyVerifier {

    /** Why a key was refused, with the offered key's type and SHA-256 fingerprint. */
    record Rejection(SshException.Kind kind, String keyType, String fingerprint) {
    }

    private final HostKeyVerifier delegate;
    private final Optional<Path> knownHosts;
    private final AtomicReference<Rejection> rejection;

    private HostKeyPolicy(HostKeyVerifier delegate, Optional<Path> knownHosts, AtomicReference<Rejection> rejection) {
        this.delegate = delegate;
        this.knownHosts = knownHosts;
        this.rejection = rejection;
    }

    static HostKeyPolicy knownHosts(Path file) throws IOException {
        AtomicReference<Rejection> rejection = new AtomicReference<>();
        // OpenSSHKnownHosts reports unknown and changed keys through these two hooks; both refuse.
        OpenSSHKnownHosts verifier = new OpenSSHKnownHosts(file.toFile()) {
            @Override
            protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
                rejection.set(rejectionOf(SshException.Kind.HOST_KEY_UNKNOWN, key));
                return false;
            }

            @Override
            protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
                rejection.set(rejectionOf(SshException.Kind.HOST_KEY_CHANGED, key));
                return false;
            }
        };
        return new HostKeyPolicy(verifier, Optional.of(file), rejection);
    }

    /** {@code fingerprint} as OpenSSH prints it, {@code SHA256:} and unpadded base64; a trailing '=' is ignored. */
    static HostKeyPolicy pinned(String fingerprint) {
        String expected = normalize(fingerprint);
        AtomicReference<Rejection> rejection = new AtomicReference<>();
        HostKeyVerifier verifier = new HostKeyVerifier() {
            @Override
            public boolean verify(String hostname, int port, PublicKey key) {
                if (expected.equals(fingerprint(key))) {
                    return true;
                }
                rejection.set(rejectionOf(SshException.Kind.HOST_KEY_MISMATCH, key));
                return false;
            }

            @Override
            public List<String> findExistingAlgorithms(String hostname, int port) {
                return List.of();
            }
        };
        return new HostKeyPolicy(verifier, Optional.empty(), rejection);
    }

    /** The key's SHA-256 fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:} + unpadded base64. */
    static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalize(String fingerprint) {
        String text = fingerprint.strip();
        while (text.endsWith("=")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static Rejection rejectionOf(SshException.Kind kind, PublicKey key) {
        return new Rejection(kind, KeyType.fromKey(key).toString(), fingerprint(key));
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        boolean accepted = delegate.verify(hostname, port, key);
        if (!accepted) {
            // A key type sshj cannot name skips both hooks: still refused, still reported.
            rejection.compareAndSet(null, rejectionOf(SshException.Kind.HOST_KEY_UNKNOWN, key));
        }
        return accepted;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return delegate.findExistingAlgorithms(hostname, port);
    }

    Optional<Rejection> rejection() {
        return Optional.ofNullable(rejection.get());
    }

    /** The known_hosts file consulted; empty when a fingerprint is pinned. */
    Optional<Path> knownHostsFile() {
        return knownHosts;
    }
}
