package dev.nixpve.cli;

import dev.nixpve.event.LogEvent;

/**
 * How every console shows a log event: warnings (with a hint when their topic has one) and debug
 * on stderr, information on stdout; each on one line, whatever the message quotes.
 */
final class LogLines {

    private LogLines() {
    }

    static void print(CliContext context, LogEvent log) {
        switch (log.level()) {
            case WARN -> context.err().println("warning: " + Terminal.oneLine(WarningHints.describe(log)));
            case INFO -> context.out().println(Terminal.oneLine(log.message()));
            case DEBUG -> {
                if (context.verbose().get()) {
                    context.err().println("debug: " + Terminal.oneLine(log.message()));
                }
            }
        }
    }
}
