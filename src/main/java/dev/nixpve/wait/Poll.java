package dev.nixpve.wait;

import java.util.Optional;

/**
 * What one look at the awaited thing found: the result, or "not yet" with what was seen, which a
 * timeout reports as the last thing seen. Failing fast is the probe's own throw.
 */
public record Poll<T>(Optional<T> result, String seen) {

    public static <T> Poll<T> done(T result) {
        return new Poll<>(Optional.of(result), "done");
    }

    public static <T> Poll<T> notYet(String seen) {
        return new Poll<>(Optional.empty(), seen);
    }
}
