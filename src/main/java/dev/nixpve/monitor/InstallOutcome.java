package dev.nixpve.monitor;

import java.util.Optional;

/**
 * How the install ended: the VM powered off after the installer reported {@code done}
 * ({@code confirmed}), or powered off while the guest agent was silent, so only the template
 * checks and the smoke test can tell whether it worked.
 */
public record InstallOutcome(boolean confirmed, Optional<InstallProgress> lastProgress) {
}
