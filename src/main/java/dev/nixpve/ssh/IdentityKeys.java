package dev.nixpve.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * The private keys to offer: {@code build.sshIdentity} alone when set, else whichever of the
 * default OpenSSH keys exist. Keys are parsed before connecting, so a bad key file fails fast with
 * its own message. Passphrases are not supported (nixpve runs unattended and has no agent client):
 * an encrypted identity is an error, an encrypted default key is skipped.
 */
final class IdentityKeys {

    static final List<String> DEFAULT_NAMES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    /** The usable keys, and the default keys passed over because they are encrypted (for the auth error). */
    record Loaded(List<KeyProvider> keys, List<Path> files, List<Path> skippedEncrypted) {
    }

    private IdentityKeys() {
    }

    static Loaded load(SSHClient client, Optional<Path> identity, Path home, Failure failure) throws SshException {
        if (identity.isPresent()) {
            Path file = identity.get();
            return new Loaded(List.of(usable(file, parse(client, file), failure)), List.of(file), List.of());
        }
        List<KeyProvider> keys = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Path> encrypted = new ArrayList<>();
        for (String name : DEFAULT_NAMES) {
            Path file = home.resolve(".ssh").resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            Parsed parsed = parse(client, file);
            if (parsed instanceof Parsed.Encrypted) {
                encrypted.add(file);
            } else {
                keys.add(usable(file, parsed, failure));
                files.add(file);
            }
        }
        if (keys.isEmpty()) {
            String skipped = encrypted.isEmpty() ? "" : " (" + list(encrypted) + " encrypted, which nixpve cannot use)";
            throw failure.of(SshException.Kind.KEY_UNUSABLE,
                    "no usable private key: build.sshIdentity is not set and none of "
                            + String.join(", ", DEFAULT_NAMES) + " is in " + home.resolve(".ssh") + skipped,
                    "set build.sshIdentity to a passphrase-less private key the build host accepts", null);
        }
        return new Loaded(keys, files, encrypted);
    }

    static String list(List<Path> files) {
        return files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    /** Outcome of reading one key file. */
    private sealed interface Parsed {
        record Usable(KeyProvider key) implements Parsed {
        }

        record Encrypted(Exception cause) implements Parsed {
        }

        record Unreadable() implements Parsed {
        }

        record Invalid(Exception cause) implements Parsed {
        }
    }

    private static Parsed parse(SSHClient client, Path file) {
        if (!Files.isReadable(file)) {
            return new Parsed.Unreadable();
        }
        AtomicBoolean askedForPassphrase = new AtomicBoolean();
        try {
            KeyProvider key = client.loadKeys(file.toString(), refusingPassphrase(askedForPassphrase));
            // Parse now: sshj reads lazily, and a bad file would otherwise surface as a refused login.
            key.getPublic();
            key.getPrivate();
            return new Parsed.Usable(key);
        } catch (IOException | RuntimeException e) {
            return askedForPassphrase.get() ? new Parsed.Encrypted(e) : new Parsed.Invalid(e);
        }
    }

    /** The key, or the error for why it cannot be used. Causes are chained for --verbose, never quoted. */
    private static KeyProvider usable(Path file, Parsed parsed, Failure failure) throws SshException {
        if (parsed instanceof Parsed.Usable usable) {
            return usable.key();
        }
        if (parsed instanceof Parsed.Encrypted encrypted) {
            throw failure.of(SshException.Kind.KEY_UNUSABLE, "the private key " + file + " is encrypted with a passphrase",
                    "nixpve cannot ask for passphrases and does not use ssh-agent; use a dedicated passphrase-less "
                            + "key for the build host (ssh-keygen -t ed25519 -N '' -f ~/.ssh/nixpve_builder) "
                            + "or decrypt a copy (ssh-keygen -p -N '' -f COPY)", encrypted.cause());
        }
        if (parsed instanceof Parsed.Invalid invalid) {
            throw failure.of(SshException.Kind.KEY_UNUSABLE, "the file " + file + " is not a private key nixpve can read",
                    "give the private key in OpenSSH or PEM format (not the .pub file)", invalid.cause());
        }
        throw failure.of(SshException.Kind.KEY_UNUSABLE, "the private key " + file + " does not exist or is not readable",
                "set build.sshIdentity to a private key file nixpve can read", null);
    }

    private static PasswordFinder refusingPassphrase(AtomicBoolean asked) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                asked.set(true);
                return null;
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }

    /** Builds the exception with the host and port of the connection being made. */
    @FunctionalInterface
    interface Failure {
        SshException of(SshException.Kind kind, String what, String hint, Throwable cause);
    }
}
