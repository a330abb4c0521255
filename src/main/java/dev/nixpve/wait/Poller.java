package dev.nixpve.wait;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one poll loop: looks, and until the probe has a result, sleeps the spec's interval, up to
 * its timeout. The probe fails fast by throwing; a timeout is an outcome the caller words, because
 * only the caller knows which setting to raise.
 */
public final class Poller {

    /** One look; throws to fail the wait at once (a refused permission, a failed task). */
    @FunctionalInterface
    public interface Probe<T, E extends Exception> {
        Poll<T> look() throws E;
    }

    /** How a wait ended: with the result, or at the timeout with what the probe saw last. */
    public record Outcome<T>(Optional<T> result, String lastSeen) {

        /** The result; at a timeout, the exception {@code timedOut} makes of what was seen last. */
        public <E extends Exception> T orElseThrow(Function<String, E> timedOut) throws E {
            if (result.isPresent()) {
                return result.get();
            }
            throw timedOut.apply(lastSeen);
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;

    public Poller(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The clock waits are measured by, for callers that time what they waited for. */
    public Clock clock() {
        return clock;
    }

    /**
     * Looks at once, then after {@code spec.firstInterval()}, doubling up to {@code spec.pollInterval()},
     * until a result or {@code spec.timeout()}.
     */
    public <T, E extends Exception> Outcome<T> await(WaitSpec spec, Probe<T, E> probe)
            throws E, InterruptedException {
        Instant deadline = clock.instant().plus(spec.timeout());
        Duration interval = spec.firstInterval();
        while (true) {
            Poll<T> poll = probe.look();
            if (poll.result().isPresent()) {
                return new Outcome<>(poll.result(), poll.seen());
            }
            if (!clock.instant().isBefore(deadline)) {
                return new Outcome<>(Optional.empty(), poll.seen());
            }
            sleeper.sleep(interval);
            interval = spec.after(interval);
        }
    }
}
