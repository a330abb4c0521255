package dev.nixpve.proxmox.wire;

import dev.nixpve.wait.Sleeper;
import java.time.Duration;

/**
 * When a failed call is tried again. A GET may always be repeated; any other method only when the
 * connection was never established, because a POST that reached PVE may have taken effect.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Sleeper sleeper) {

    /** Why an attempt failed, as far as retrying cares. */
    public enum Failure {
        /** TCP connection refused or not established: the request never left. */
        NOT_CONNECTED,
        /** Sent, but the connection broke or timed out before an answer. */
        NO_ANSWER,
        /** A gateway error (502, 503, 504, PVE's 59x): pveproxy could not reach the daemon or node. */
        GATEWAY
    }

    public static RetryPolicy standard(Sleeper sleeper) {
        return new RetryPolicy(3, Duration.ofSeconds(1), sleeper);
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
    public void backoff(int attempt) throws InterruptedException {
        sleeper.sleep(firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 6)));
    }

    static boolean isGatewayStatus(int status) {
        return status == 502 || status == 503 || status == 504 || (status >= 590 && status <= 599);
    }
}
