package dev.nixpve.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain/path-1.2_x", "with space", "it's", "''", "$(touch pwned)", "`id`", "$HOME", "${PATH}",
        "a;rm -rf /", "a&&b||c|d", "*", "?", "[a]", "~", "~/x", "a=b", "-rf", "\\", "\"", "line\nbreak", "tab\there",
        "!event", "#comment", "{a,b}", "<in", ">out", "ünïcödé", ""})
    void aQuotedWordReachesTheCommandAsItIs(String word) throws IOException, InterruptedException {
        for (String shell : new String[] {"sh", "bash"}) {
            Path program = ExternalTools.require(shell, shell.equals("sh") ? "dash" : "bash");
            assertEquals(word, echoed(program, ShellQuote.quote(word)), shell + " with " + ShellQuote.quote(word));
        }
    }

    @Test
    void plainWordsStayReadable() {
        assertEquals("nixpve-build/0123abcd/tree.tar.gz", ShellQuote.quote("nixpve-build/0123abcd/tree.tar.gz"));
        assertEquals("'with space'", ShellQuote.quote("with space"));
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
        assertEquals("''", ShellQuote.quote(""));
    }

    @Test
    void nulIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote("a\0b"));
    }

    /** What the shell passes to printf when it parses the quoted word as the argument. */
    private static String echoed(Path shell, String quoted) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(shell.toString(), "-c", "printf %s " + quoted)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        return output;
    }
}
