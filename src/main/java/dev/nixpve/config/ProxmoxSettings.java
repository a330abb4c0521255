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
            throw new ConfigException("proxmox.endpoint: no Proxmox VE endpoint is configured. Hint: set "
                    + "PROXMOX_VE_ENDPOINT=https://HOST:8006/ (or proxmox.endpoint in nixpve.yaml, or --endpoint).");
        }
        if (apiToken.isPresent()) {
            return;
        }
        if (username.isEmpty() && password.isEmpty()) {
            throw new ConfigException("proxmox.apiToken: no credentials are configured. Hint: set "
                    + "PROXMOX_VE_API_TOKEN=" + ApiToken.FORMAT + " (the README shows how to create a "
                    + "least-privilege token), or PROXMOX_VE_USERNAME and PROXMOX_VE_PASSWORD.");
        }
        if (username.isEmpty()) {
            throw new ConfigException("proxmox.username: a password is set but no user. Hint: set "
                    + "PROXMOX_VE_USERNAME (with its realm, e.g. root@pam).");
        }
        if (password.isEmpty()) {
            throw new ConfigException("proxmox.password: a user is set but no password. Hint: set "
                    + "PROXMOX_VE_PASSWORD, or use an API token instead (PROXMOX_VE_API_TOKEN).");
        }
    }
}
