package dev.nixpve.config;

/**
 * A configuration error as the tests read it: what failed, then after "Hint:" what a valid value
 * looks like (the allowed form), or the reason's name where the CLI words the remedy.
 */
final class Messages {

    private Messages() {
    }

    static String shown(Throwable error) {
        if (!(error instanceof ConfigException e)) {
            return error.getMessage();
        }
        return e.getMessage() + ". Hint: " + (e.reason() == ConfigException.Reason.INVALID_VALUE ? e.expected()
                : e.reason().name());
    }
}
