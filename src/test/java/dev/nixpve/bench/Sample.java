package dev.nixpve.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measurement of one variant: its wall time, and counts taken alongside (API calls, bytes), in the
 * order they are printed.
 */
public record Sample(Duration wall, Map<String, Long> counts) {

    public Sample {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public static Sample of(Duration wall) {
        return new Sample(wall, Map.of());
    }
}
