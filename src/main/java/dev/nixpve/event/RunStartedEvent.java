package dev.nixpve.event;

/**
 * A run took its image's lock and started its journal: from here on its events belong to
 * {@code run}, which the journal, the build report, tags and log lines all name.
 */
public record RunStartedEvent(String run, String image, String node) implements Event {

    @Override
    public String kind() {
        return "run-started";
    }

    @Override
    public void accept(EventVisitor visitor) {
        visitor.runStarted(this);
    }
}
