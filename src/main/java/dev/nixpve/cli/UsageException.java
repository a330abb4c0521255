package dev.nixpve.cli;

/**
 * A command line that cannot work, found by the CLI itself before anything is done (an unusable
 * --out, flags that contradict each other): one paragraph naming the option, with its hint, and
 * exit code 2. The CLI words it whole, so it may name flags and remedies.
 */
final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** "{@code option} {@code problem}. Hint: {@code hint}", e.g. "--out /proc/x cannot be written (...)". */
    UsageException(String option, String problem, String hint) {
        super(option + " " + problem + ". Hint: " + hint + ".");
    }
}
