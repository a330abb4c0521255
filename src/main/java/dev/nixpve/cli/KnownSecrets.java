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
    /** Made when what is known changes, not at each ask: every console line of a run asks. */
    private final AtomicReference<Redaction> redaction;

    KnownSecrets(Map<String, String> environment) {
        this.environment = environment;
        this.redaction = new AtomicReference<>(Redaction.of(environment));
    }

    /** The loaded configuration's connection settings, whose token and password are secrets. */
    void configured(ProxmoxSettings proxmox) {
        redaction.set(Redaction.of(environment, proxmox));
    }

    Redaction redaction() {
        return redaction.get();
    }
}
