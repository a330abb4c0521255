package dev.nixpve.wait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nixpve.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollerTest {

    private final FakeClock clock = new FakeClock();
    private final Poller poller = new Poller(clock, clock);
    private final WaitSpec spec = new WaitSpec("the thing to be ready", Duration.ofSeconds(10), Duration.ofSeconds(3));

    @Test
    void looksAtOnceAndSleepsTheIntervalBetweenLooks() throws Exception {
        AtomicInteger looks = new AtomicInteger();

        String result = poller.await(spec, () -> looks.incrementAndGet() < 3 ? Poll.<String>notYet("booting")
                : Poll.done("ready")).orElseThrow(IllegalStateException::new);

        assertEquals("ready", result);
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), clock.sleeps());
    }

    @Test
    void aTimeoutIsAnOutcomeWithWhatWasSeenLast() throws Exception {
        List<String> seen = new ArrayList<>();

        Poller.Outcome<String> outcome = poller.await(spec, () -> Poll.notYet("still booting at " + clock.instant()));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> outcome.orElseThrow(s -> {
                    seen.add(s);
                    return new IllegalStateException(s);
                }));

        // looks at 0, 3, 6, 9 and 12 s: the look at or past the deadline is the last
        assertEquals(4, clock.sleeps().size());
        assertEquals("still booting at 2026-11-22T10:00:12Z", error.getMessage());
        assertEquals(List.of(error.getMessage()), seen);
    }

    @Test
    void aProbeFailsFastByThrowing() {
        AtomicInteger looks = new AtomicInteger();

        assertThrows(IllegalArgumentException.class, () -> poller.await(spec, () -> {
            looks.incrementAndGet();
            throw new IllegalArgumentException("403 Permission check failed");
        }));

        assertEquals(1, looks.get());
        assertEquals(List.of(), clock.sleeps());
    }
}
