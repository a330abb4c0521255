package dev.nixpve.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The CLI's stdout and stderr: everything written is passed through {@link Terminal#keepingLines},
 * so no value printed anywhere can carry a terminal escape. nixpve's own control sequences (the
 * console's line rewrite) go through {@link #control}.
 */
final class TerminalWriter extends PrintWriter {

    private final PrintWriter raw;

    private TerminalWriter(PrintWriter raw) {
        super(new Neutralising(raw), true);
        this.raw = raw;
    }

    static PrintWriter wrap(PrintWriter writer) {
        return writer instanceof TerminalWriter ? writer : new TerminalWriter(writer);
    }

    /** Writes one of nixpve's own control sequences as it is. */
    static void control(PrintWriter writer, String sequence) {
        if (writer instanceof TerminalWriter terminal) {
            terminal.flush();
            terminal.raw.print(sequence);
            terminal.raw.flush();
        } else {
            writer.print(sequence);
        }
    }

    private static final class Neutralising extends Writer {

        private final PrintWriter raw;

        Neutralising(PrintWriter raw) {
            this.raw = raw;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            raw.write(Terminal.keepingLines(new String(buffer, offset, length)));
        }

        @Override
        public void flush() {
            raw.flush();
        }

        @Override
        public void close() {
            raw.close();
        }
    }
}
