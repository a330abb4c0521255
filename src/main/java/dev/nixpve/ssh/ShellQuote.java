package dev.nixpve.ssh;

/**
 * Quotes one word for a POSIX shell, the remote login shell included: every remote path and
 * argument in a command line goes through {@link #quote}, so no value is ever parsed as shell syntax.
 */
public final class ShellQuote {

    private ShellQuote() {
    }

    /**
     * Single quotes, with each embedded {@code '} written as {@code '\''}: inside single quotes a
     * POSIX shell takes every byte literally. NUL cannot be passed in a command line, so it is refused.
     */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot contain NUL");
        }
        if (!word.isEmpty() && word.chars().allMatch(ShellQuote::isPlain)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Characters no POSIX shell treats specially anywhere in a word (no ~, =, * or the like). */
    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '/' || c == '.' || c == '_' || c == '-' || c == '+' || c == ',' || c == ':' || c == '@';
    }
}
