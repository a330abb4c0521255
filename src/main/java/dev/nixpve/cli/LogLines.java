package dev.nixpve.cli;

import dev.nixpve.event.LogEvent;

/** How every console shows a log event: warnings and debug on stderr, information on stdout. */
final class LogLines {

    private LogLines() {
    }

    static void print(CliContext context, LogEvent log) {
        switch (log.level()) {
            case WARN -> context.err().println("warning: " + log.message());
            case INFO -> context.out().println(log.message());
            case DEBUG -> {
                if (context.verbose().get()) {
                    context.err().println("debug: " + log.message());
                }
            }
        }
    }
}
