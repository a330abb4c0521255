package dev.nixpve.proxmox.wire;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.wait.Sleeper;
import java.time.Duration;

/**
 * When a failed call is tried again. A GET may always be repeated; any other method only when the
 * connection was never established, because a POST that reached PVE may have taken effect (the
 * pipeline retries those itself, after looking whether they did). Each retry is one warning on
 * {@code events}.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Sleeper sleeper, EventSink events) {

    public RetryPolicy(int maxAttempts, Duration firstBackoff, Sleeper sleeper) {
        this(maxAttempts, firstBackoff, sleeper, EventSink.discard());
    }

    /** Why an attempt failed, as far as retrying cares. */
    public enum Failure {
        /** TCP connection refused or not established: the request never left. */
        NOT_CONNECTED,
        /** Sent, but the connection broke or timed out before an answer. */
        NO_ANSWER,
        /** A gateway error (502, 503, 504, PVE's 59x): pveproxy could not reach the daemon or node. */
        GATEWAY,
        /**
         * A 500 that is no domain error ({@link ErrorTranslator#isTransient}): a lock or command
         * timeout, a daemon hiccup.
         */
        SERVER_ERROR
    }

    public static RetryPolicy standard(Sleeper sleeper, EventSink events) {
        return new RetryPolicy(3, Duration.ofSeconds(1), sleeper, events);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ofMillis(1), d -> { });
    }

    public boolean mayRetry(ApiRequest request, Failure failure, int attempt) {
        if (attempt >= maxAttempts) {
            return false;
        }
        return failure == Failure.NOT_CONNECTED || request.idempotent();
    }

    /** 1 s, 2 s, 4 s, ... */
    public Duration delay(int attempt) {
        return firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 6));
    }

    /**
     * Says once that {@code operation} failed and is tried again, then waits before attempt
     * {@code attempt + 1}. A connection never made is said at debug level: when every attempt is
     * refused, the error that follows says it all (a wrong endpoint, a node down). So is a failure
     * {@code alreadySaid}: the same call failing the same way again, as a poll's does.
     */
    public void backoff(String operation, String why, Failure failure, int attempt, boolean alreadySaid)
            throws InterruptedException {
        Duration delay = delay(attempt);
        String line = operation + " failed (" + why + "); trying again in " + seconds(delay) + " (attempt "
                + (attempt + 1) + " of " + maxAttempts + ")";
        events.emit(failure == Failure.NOT_CONNECTED || alreadySaid ? LogEvent.debug(line) : LogEvent.warn(line));
        sleeper.sleep(delay);
    }

    private static String seconds(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? delay.toSeconds() + "s" : delay.toMillis() + "ms";
    }

    static boolean isGatewayStatus(int status) {
        return status == 502 || status == 503 || status == 504 || (status >= 590 && status <= 599);
    }
}
