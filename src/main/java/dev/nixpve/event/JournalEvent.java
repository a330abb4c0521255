package dev.nixpve.event;

/**
 * Something on the Proxmox side was created, removed, deliberately kept (e.g. --keep-failed), or
 * adopted: taken over from a dead run to be finished rather than built again.
 */
public record JournalEvent(Action action, String what) implements Event {

    public enum Action { CREATED, ADOPTED, REMOVED, KEPT, LEFT_BEHIND }

    @Override
    public String kind() {
        return "journal";
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.journal(this);
    }
}
