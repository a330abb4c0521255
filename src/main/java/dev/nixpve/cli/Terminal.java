package dev.nixpve.cli;

/**
 * Makes text from outside (file names, configured values, PVE and installer messages) harmless on
 * a terminal: control characters, ANSI escapes and invisible direction overrides are shown as
 * {@code \x1b}, {@code \u202e}, so a hostile value can neither recolour, move the cursor, hide
 * text nor fake a line of nixpve's own.
 */
final class Terminal {

    private Terminal() {
    }

    /** For one paragraph: line breaks inside it are shown too, as {@code \n}. */
    static String oneLine(String text) {
        return neutral(text, false);
    }

    /** Keeps line breaks and tabs, which nixpve's own multi-line output uses. */
    static String keepingLines(String text) {
        return neutral(text, true);
    }

    private static String neutral(String text, boolean keepLines) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String shown = shown(c, keepLines);
            if (shown != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(shown == null ? String.valueOf(c) : shown);
            }
        }
        return out == null ? text : out.toString();
    }

    /** How a character that must not reach the terminal as itself is shown; null for any other. */
    private static String shown(char c, boolean keepLines) {
        if (c == '\n') {
            return keepLines ? null : "\\n";
        }
        if (c == '\t') {
            return keepLines ? null : "\\t";
        }
        if (c == '\r') {
            return "\\r";
        }
        if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
            return String.format("\\x%02x", (int) c);
        }
        if (Character.getType(c) == Character.FORMAT || c == '\u2028' || c == '\u2029') {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
