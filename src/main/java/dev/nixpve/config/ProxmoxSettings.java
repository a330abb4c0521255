package dev.nixpve.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

public record ProxmoxSettings(Optional<URI> endpoint, Optional<ApiToken> apiToken, Optional<String> username,
                              Optional<Secret> password, Optional<Fingerprint> fingerprint, Optional<Path> caFile,
                              boolean insecure, Duration requestTimeout) {
    public void requireConnection() throws ConfigException { }
}
