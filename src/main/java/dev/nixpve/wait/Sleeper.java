package dev.nixpve.wait;

import java.time.Duration;

/** The one way core code waits on wall time, so tests can advance a fake clock instead. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
