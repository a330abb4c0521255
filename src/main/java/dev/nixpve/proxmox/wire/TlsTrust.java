package dev.nixpve.proxmox.wire;

import dev.nixpve.config.Fingerprint;
import java.nio.file.Path;

/**
 * How the server certificate is trusted. PVE's default certificate is signed by a per-cluster CA
 * that no public store knows, so an operator pins its fingerprint or points at pve-root-ca.pem;
 * turning verification off is possible only when asked for.
 */
public sealed interface TlsTrust {

    /** The JVM's trust store and hostname verification (for ACME or otherwise public certificates). */
    record SystemStore() implements TlsTrust {
    }

    /** The cluster CA ({@code /etc/pve/pve-root-ca.pem}) with hostname verification. */
    record CaFile(Path pemFile) implements TlsTrust {
    }

    /** Exactly this certificate, whatever host name it carries (what PVE nodes do among themselves). */
    record Pinned(Fingerprint fingerprint) implements TlsTrust {
    }

    /** No verification at all. */
    record Insecure() implements TlsTrust {
    }
}
