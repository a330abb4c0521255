package dev.nixpve.cli;

import dev.nixpve.emit.InventoryBuilder;
import dev.nixpve.event.LogEvent;
import java.util.Optional;

/**
 * What to do about a warning the operator can act on: core code says what it found and names the
 * {@link LogEvent.Topic}; this words the remedy, as "<what was found>. Hint: <what to do>."
 */
final class WarningHints {

    private WarningHints() {
    }

    /** The line as the console shows it: the message, and the hint when its topic has one. */
    static String describe(LogEvent log) {
        return remedy(log.topic()).map(remedy -> log.message() + ". Hint: " + remedy + ".").orElse(log.message());
    }

    static Optional<String> remedy(LogEvent.Topic topic) {
        return Optional.ofNullable(switch (topic) {
            case NO_TAGGED_VM -> "clone the template with terraform/ (it tags the VMs), or add the tags '"
                    + InventoryBuilder.NIXPVE_TAG + "' and '" + InventoryBuilder.CONTROL_PLANE_TAG + "' or '"
                    + InventoryBuilder.WORKER_TAG + "' to your VMs";
            case HOST_WITHOUT_ADDRESS -> "start the VM and make sure qemu-guest-agent runs in it (agent enabled in its "
                    + "options), or give it a static address (ipconfig0 ip=ADDRESS/PREFIX)";
            case NONE -> null;
        });
    }
}
