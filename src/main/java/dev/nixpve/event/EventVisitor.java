package dev.nixpve.event;

/**
 * One method per kind of event. A renderer implements all of them, so adding a kind of event
 * does not compile until every renderer shows it (Java 17 has no exhaustive switch over types).
 */
public interface EventVisitor {

    void step(StepEvent event);

    void installPhase(InstallPhaseEvent event);

    void journal(JournalEvent event);

    void progress(ProgressEvent event);

    void output(OutputLine event);

    void log(LogEvent event);

    void runStarted(RunStartedEvent event);

    void runFinished(RunFinishedEvent event);

    void measured(MeasuredEvent event);

    /** One node's event in a run over several: renderers say which node, then show the event. */
    void node(NodeEvent event);
}
