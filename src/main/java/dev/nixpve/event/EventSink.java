package dev.nixpve.event;

import java.util.List;

/** Receives the events core code emits. Implementations must be thread-safe. */
@FunctionalInterface
public interface EventSink {

    void emit(Event event);

    /** Hands each event to every one of {@code sinks}, in order. */
    static EventSink all(EventSink... sinks) {
        List<EventSink> each = List.of(sinks);
        return event -> each.forEach(sink -> sink.emit(event));
    }

    /** This sink for one node's part of a run over several nodes: each event wrapped with the node. */
    default EventSink forNode(String node) {
        return event -> emit(new NodeEvent(node, event));
    }

    static EventSink discard() {
        return event -> { };
    }
}
