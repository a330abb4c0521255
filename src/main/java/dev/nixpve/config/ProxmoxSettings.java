package dev.nixpve.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach and trust the Proxmox VE API, and who to be there. An API token wins over
 * username and password when both are set.
 */
public record ProxmoxSettings(Optional<URI> endpoint, Optional<ApiToken> apiToken, Optional<String> username,
                              Optional<Secret> password, Optional<Fingerprint> fingerprint, Optional<Path> caFile,
                              boolean insecure, Duration requestTimeout) {

    /** Fails unless an endpoint and a way to authenticate are configured; commands that talk to PVE call it. */
    public void requireConnection() throws ConfigException {
        if (endpoint.isEmpty()) {
            throw ConfigException.of("", "proxmox.endpoint", "no Proxmox VE endpoint is configured",
                    ConfigException.Reason.NO_ENDPOINT);
        }
        if (apiToken.isPresent()) {
            return;
        }
        if (username.isEmpty() && password.isEmpty()) {
            throw ConfigException.of("", "proxmox.apiToken", "no credentials are configured",
                    ConfigException.Reason.NO_CREDENTIALS);
        }
        if (username.isEmpty()) {
            throw ConfigException.of("", "proxmox.username", "a password is set but no user",
                    ConfigException.Reason.NO_USERNAME);
        }
        if (password.isEmpty()) {
            throw ConfigException.of("", "proxmox.password", "a user is set but no password",
                    ConfigException.Reason.NO_PASSWORD);
        }
    }
}
