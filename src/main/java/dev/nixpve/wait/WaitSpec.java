package dev.nixpve.wait;

import java.time.Duration;
import java.util.Objects;

/**
 * What a wait expects and how long it may take: every wait in nixpve states its timeout and poll
 * interval, and names what it waited for so a timeout reads as "expected X within T". A wait that
 * usually ends soon (most PVE tasks take well under a second) starts with a shorter first interval
 * that doubles up to the poll interval, so it is neither slow when quick nor chatty when slow.
 */
public record WaitSpec(String expectation, Duration timeout, Duration pollInterval, Duration firstInterval) {

    /** A wait that polls at the same interval throughout. */
    public WaitSpec(String expectation, Duration timeout, Duration pollInterval) {
        this(expectation, timeout, pollInterval, pollInterval);
    }

    /** This wait, starting at {@code first} and doubling up to its poll interval. */
    public WaitSpec backingOffFrom(Duration first) {
        return new WaitSpec(expectation, timeout, pollInterval, first);
    }

    /** How long to sleep after one that lasted {@code previous}: twice as long, up to the poll interval. */
    Duration after(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(pollInterval) > 0 ? pollInterval : doubled;
    }

    public WaitSpec {
        Objects.requireNonNull(expectation, "expectation");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
        }
        if (firstInterval.isNegative() || firstInterval.isZero() || firstInterval.compareTo(pollInterval) > 0) {
            throw new IllegalArgumentException("first interval must be positive and at most the poll interval: "
                    + firstInterval);
        }
    }
}
