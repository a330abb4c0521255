package dev.nixpve.pipeline;

import dev.nixpve.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a current template (verified, of this very build) is built again all the same: always
 * ({@code --force}), or once it is older than {@code maxAge} ({@code --max-age}), since security
 * fixes reach a nixpkgs branch without a change to the configuration.
 */
public record Freshness(boolean force, Optional<Duration> maxAge) {

    /** Build only when the inputs changed: build-and-deploy-template, and rebuild without flags. */
    public static final Freshness WHEN_CHANGED = new Freshness(false, Optional.empty());

    public Freshness {
        maxAge.filter(Duration::isNegative).ifPresent(age -> {
            throw new IllegalArgumentException("a maximum age cannot be negative: " + age);
        });
    }

    /** Why the current template, created at {@code created}, is built again at {@code now}; empty when it is kept. */
    public Optional<String> rebuildReason(Instant created, Instant now) {
        if (force) {
            return Optional.of("--force");
        }
        return maxAge.filter(max -> Duration.between(created, now).compareTo(max) >= 0)
                .map(max -> "it is " + Durations.format(Duration.between(created, now)) + " old, --max-age is "
                        + Durations.format(max));
    }
}
