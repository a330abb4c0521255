package dev.nixpve.cli.demo;

import dev.nixpve.wait.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The demo's time: runs {@code factor} times faster than the base clock, so a simulated install
 * of minutes passes in seconds. The matching sleeper sleeps for the shortened real time.
 */
public final class AcceleratedClock extends Clock {

    private final Clock base;
    private final Instant origin;
    private final int factor;

    public AcceleratedClock(Clock base, int factor) {
        this.base = base;
        this.origin = base.instant();
        this.factor = factor;
    }

    @Override
    public Instant instant() {
        return origin.plus(Duration.between(origin, base.instant()).multipliedBy(factor));
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    public Sleeper sleeper(Sleeper real) {
        return duration -> real.sleep(duration.dividedBy(factor));
    }
}
