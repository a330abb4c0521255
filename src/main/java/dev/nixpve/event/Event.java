package dev.nixpve.event;

/**
 * Everything core code wants a person or a scheduler to know. Core code never prints: it emits
 * these immutable records to an {@link EventSink}, and the CLI decides how to show them.
 */
public sealed interface Event permits LogEvent, ProgressEvent, OutputLine, StepEvent, InstallPhaseEvent, JournalEvent,
        RunStartedEvent, RunFinishedEvent, MeasuredEvent, NodeEvent {

    /** The kind's stable name, as {@code --log-format json} writes it in {@code "event"}. */
    String kind();

    /** Calls the visitor's method for this kind of event. */
    void accept(EventVisitor visitor);
}
