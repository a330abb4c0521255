package dev.nixpve.cli;

import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.ProgressEvent;

/** Renders core events as plain lines: warnings and debug on stderr, information on stdout. */
final class ConsoleEvents implements EventSink {

    private final CliContext context;

    ConsoleEvents(CliContext context) {
        this.context = context;
    }

    @Override
    public synchronized void emit(Event event) {
        if (event instanceof LogEvent log) {
            switch (log.level()) {
                case WARN -> context.err().println("warning: " + log.message());
                case INFO -> context.out().println(log.message());
                case DEBUG -> {
                    if (context.verbose().get()) {
                        context.err().println("debug: " + log.message());
                    }
                }
            }
        } else if (event instanceof ProgressEvent progress && progress.finished()) {
            context.out().println(progress.operation() + ": " + Bytes.format(progress.done()) + " done");
        }
    }
}
