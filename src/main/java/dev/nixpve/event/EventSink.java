package dev.nixpve.event;

/** Receives the events core code emits. Implementations must be thread-safe. */
@FunctionalInterface
public interface EventSink {

    void emit(Event event);

    static EventSink discard() {
        return event -> { };
    }
}
