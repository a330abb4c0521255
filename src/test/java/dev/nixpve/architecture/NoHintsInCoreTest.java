package dev.nixpve.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core code says what failed; the CLI (dev.nixpve.cli) says what to do. ArchUnit sees classes, not
 * string constants, so this reads the sources: no string literal outside the CLI holds "Hint:".
 * Core exceptions carry a reason and the CLI words the remedy (ConfigHints, BuildHints, Remedies);
 * a warning the operator can act on names a LogEvent.Topic, worded by WarningHints.
 */
class NoHintsInCoreTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/nixpve");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);
    private static final Pattern HINT_IN_LITERAL = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*Hint:");

    @Test
    void noClassOutsideTheCliWordsAHint() throws IOException {
        Set<String> withHints = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).filter(f -> !f.startsWith(SOURCES.resolve("cli")))
                    .filter(NoHintsInCoreTest::wordsAHint)
                    .forEach(f -> withHints.add(SOURCES.relativize(f).toString()));
        }
        assertEquals(Set.of(), withHints, "string literals with 'Hint:' outside dev.nixpve.cli (say what failed as "
                + "data, a reason or a LogEvent.Topic, and word the remedy in the CLI: ConfigHints, BuildHints, "
                + "Remedies, WarningHints)");
    }

    private static boolean wordsAHint(Path file) {
        try {
            String code = COMMENTS.matcher(Files.readString(file)).replaceAll("");
            return HINT_IN_LITERAL.matcher(code).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theScanFindsAHintInALiteral() {
        List<String> words = List.of("throw new X(\"a. Hint: b\");", "x(\"\" + y + \". Hint: \")");
        words.forEach(w -> assertEquals(true, HINT_IN_LITERAL.matcher(w).find(), w));
        assertEquals("", COMMENTS.matcher("/** says \"Hint:\" */").replaceAll(""));
    }
}
