package dev.nixpve.config;

import java.time.Duration;

/**
 * How long the unattended install may take in all and per phase, and how long the guest agent may
 * stay silent before the monitor falls back to polling the VM's power state, and how often it looks.
 */
public record InstallSettings(Duration timeout, Duration phaseTimeout, Duration agentGrace, Duration pollInterval) {

    /** The installer shows its final state for 10 s before it powers off: a poll must not miss it. */
    public static final Duration MAX_POLL = Duration.ofSeconds(5);
}
