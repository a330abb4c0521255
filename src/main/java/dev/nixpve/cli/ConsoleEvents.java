package dev.nixpve.cli;

import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.EventVisitor;
import dev.nixpve.event.InstallPhaseEvent;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.MeasuredEvent;
import dev.nixpve.event.NodeEvent;
import dev.nixpve.event.OutputLine;
import dev.nixpve.event.ProgressEvent;
import dev.nixpve.event.RunFinishedEvent;
import dev.nixpve.event.RunStartedEvent;
import dev.nixpve.event.StepEvent;

/**
 * Renders the events of the short commands (build-iso, pve check, inventory) as plain lines: log
 * lines, and a line when a long operation is done. They run no pipeline steps and no install.
 */
final class ConsoleEvents implements EventSink, EventVisitor {

    private final CliContext context;

    ConsoleEvents(CliContext context) {
        this.context = context;
    }

    @Override
    public synchronized void emit(Event event) {
        event.accept(this);
    }

    @Override
    public void log(LogEvent event) {
        LogLines.print(context, event);
    }

    @Override
    public void progress(ProgressEvent event) {
        if (event.finished()) {
            context.out().println(event.operation() + ": " + Bytes.format(event.done()) + " done");
        }
    }

    @Override
    public void step(StepEvent event) {
        // these commands run no pipeline steps
    }

    @Override
    public void installPhase(InstallPhaseEvent event) {
        // nor an install
    }

    @Override
    public void journal(JournalEvent event) {
        // nor create anything on PVE
    }

    @Override
    public void output(OutputLine event) {
        // build output is shown by the command itself (build-iso --verbose)
    }

    @Override
    public void runStarted(RunStartedEvent event) {
        // these commands start no run
    }

    @Override
    public void runFinished(RunFinishedEvent event) {
        // nor finish one
    }

    @Override
    public void node(NodeEvent event) {
        event.event().accept(this);
    }

    @Override
    public void measured(MeasuredEvent event) {
        // nor measure one
    }
}
