package dev.nixpve.config;

import java.time.Duration;

/**
 * How long the unattended install may take in all and per phase, and how long the guest agent may
 * stay silent before the monitor falls back to polling the VM's power state.
 */
public record InstallSettings(Duration timeout, Duration phaseTimeout, Duration agentGrace) {
}
