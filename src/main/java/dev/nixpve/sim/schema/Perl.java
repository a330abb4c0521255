package dev.nixpve.sim.schema;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The few Perl semantics PVE's validation leans on, so the ports elsewhere read like the original:
 * {@code PVE::Tools::split_list}, {@code JSONSchema::parse_boolean}, {@code is_number},
 * {@code is_integer}, Perl truthiness and {@code m/^...$/} matching.
 */
final class Perl {

    private static final Pattern NUMBER = anchored("[+-]?(\\d+\\.\\d+|\\d+\\.|\\.\\d+|\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = anchored("[+-]?\\d+");
    private static final Pattern TRUE = anchored("1|on|yes|true", Pattern.CASE_INSENSITIVE);
    private static final Pattern FALSE = anchored("0|off|no|false", Pattern.CASE_INSENSITIVE);

    private Perl() {
    }

    /** Compiles {@code m/^(?:regex)$/}; UNIX_LINES makes {@code $} also match before a final "\n", as in Perl. */
    static Pattern anchored(String perlRegex) {
        return anchored(perlRegex, 0);
    }

    static Pattern anchored(String perlRegex, int flags) {
        return Pattern.compile("^(?:" + javaRegex(perlRegex) + ")$", flags | Pattern.UNIX_LINES);
    }

    static boolean matches(Pattern anchored, String value) {
        return anchored.matcher(value).find();
    }

    /**
     * Translates the Perl syntax the schema's patterns use: stringified {@code qr//} groups
     * ({@code (?^:...)}, {@code (?^i:...)}) and {@code {,n}}, which Perl 5.34+ reads as {@code {0,n}}.
     */
    static String javaRegex(String perl) {
        return perl.replaceAll("\\(\\?\\^([a-z]*):", "(?$1:").replaceAll("\\{,(\\d+)}", "{0,$1}");
    }

    static boolean isNumber(String value) {
        return matches(NUMBER, value);
    }

    static boolean isInteger(String value) {
        return matches(INTEGER, value);
    }

    /** parse_boolean: the spellings property strings accept, normalised to "1"/"0". */
    static Optional<String> parseBoolean(String value) {
        if (matches(TRUE, value)) {
            return Optional.of("1");
        }
        return matches(FALSE, value) ? Optional.of("0") : Optional.empty();
    }

    /** A defined scalar is false when it is "" or "0". */
    static boolean truthy(String value) {
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    /** split_list: split at NUL if there is one, else at any run of ',', ';' and whitespace. */
    static List<String> splitList(String text) {
        if (text.indexOf('\0') >= 0) {
            return List.of(text.split("\0"));
        }
        String spaced = text.replaceAll("[,;]", " ").replaceFirst("^\\s+", "");
        return spaced.isEmpty() ? List.of() : List.of(spaced.split("\\s+"));
    }
}
