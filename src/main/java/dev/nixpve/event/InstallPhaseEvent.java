package dev.nixpve.event;

/**
 * The unattended installer reached a phase (as its progress file says), or the monitor lost sight
 * of it ({@code phase} "unobserved" while it falls back to polling the VM's power state).
 */
public record InstallPhaseEvent(String phase, int percent, String message) implements Event {

    @Override
    public String kind() {
        return "install-phase";
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.installPhase(this);
    }
}
