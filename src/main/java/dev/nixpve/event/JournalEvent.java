package dev.nixpve.event;

/** Something on the Proxmox side was created, removed, or deliberately kept (e.g. --keep-failed). */
public record JournalEvent(Action action, String what) implements Event {

    public enum Action { CREATED, REMOVED, KEPT, LEFT_BEHIND }

    @Override
    public String kind() {
        return "journal";
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.journal(this);
    }
}
