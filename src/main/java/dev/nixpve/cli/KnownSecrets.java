package dev.nixpve.cli;

import dev.nixpve.config.ProxmoxSettings;
import dev.nixpve.config.Redaction;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The secrets a command knows of, for every path that shows an error: the environment's from the
 * start, and the token and password of the configuration once one is loaded, wherever it was loaded
 * (nixpve.yaml holds them as well as the environment). Loading is the CLI's ({@link ConfigOptions},
 * the demo), so it tells this; the error reporter asks it at the end, whatever failed.
 */
public final class KnownSecrets {

    private final Map<String, String> environment;
    private final AtomicReference<ProxmoxSettings> configured = new AtomicReference<>();

    KnownSecrets(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The loaded configuration's connection settings, whose token and password are secrets. */
    void configured(ProxmoxSettings proxmox) {
        configured.set(proxmox);
    }

    Redaction redaction() {
        ProxmoxSettings proxmox = configured.get();
        return proxmox == null ? Redaction.of(environment) : Redaction.of(environment, proxmox);
    }
}
