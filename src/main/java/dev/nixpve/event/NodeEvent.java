package dev.nixpve.event;

/**
 * An event of one node's part of a run that builds on several nodes: which node it is about, and
 * the event itself. One-node runs emit their events bare, so they read as they always have.
 */
public record NodeEvent(String node, Event event) implements Event {

    /** The wrapped event's kind: a renderer tells the node apart, not the kind. */
    @Override
    public String kind() {
        return event.kind();
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.node(this);
    }
}
