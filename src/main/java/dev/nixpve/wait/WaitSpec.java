package dev.nixpve.wait;

import java.time.Duration;
import java.util.Objects;

/**
 * What a wait expects and how long it may take: every wait in nixpve states its timeout and poll
 * interval, and names what it waited for so a timeout reads as "expected X within T".
 */
public record WaitSpec(String expectation, Duration timeout, Duration pollInterval) {

    public WaitSpec {
        Objects.requireNonNull(expectation, "expectation");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
        }
    }
}
