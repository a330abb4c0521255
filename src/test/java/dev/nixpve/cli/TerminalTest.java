package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void controlCharactersEscapesAndDirectionOverridesAreShownNotObeyed() {
        assertEquals("\\x1b[31mred\\x1b[0m", Terminal.oneLine("\u001b[31mred\u001b[0m"));
        assertEquals("a\\nb\\rc\\td\\x00\\x7f\\x9b\\u202e\\u2028", Terminal.oneLine("a\nb\rc\td\0\u007f\u009b\u202e\u2028"));
        assertEquals("line one\nline\ttwo \\x1b]0;title\\x07", Terminal.keepingLines("line one\nline\ttwo \u001b]0;title\u0007"));
        assertEquals("plain ✓ ünïcödé 日本", Terminal.oneLine("plain ✓ ünïcödé 日本"));
    }

    @Test
    void theCliWritersNeutraliseEverythingButNixpvesOwnControlSequences() {
        StringWriter seen = new StringWriter();
        PrintWriter out = TerminalWriter.wrap(new PrintWriter(seen));
        out.println("vm \u001b[2Jnamed");
        TerminalWriter.control(out, "\r\033[2K");
        out.print("done");
        out.flush();
        assertEquals("vm \\x1b[2Jnamed" + System.lineSeparator() + "\r\033[2Kdone", seen.toString());
    }
}
