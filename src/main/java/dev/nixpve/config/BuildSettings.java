package dev.nixpve.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the ISO is built. For ssh builders: the private key ({@code sshIdentity}), the known_hosts
 * file to verify the host against (default ~/.ssh/known_hosts) or a pinned host key fingerprint
 * ({@code SHA256:...}), and the remote working directory.
 */
public record BuildSettings(BuilderTarget builder, Duration timeout, Optional<Path> sshIdentity,
                            Optional<Path> knownHosts, Optional<String> hostKeyFingerprint, String remoteDir,
                            String dockerImage) {
}
