package dev.nixpve.pipeline.steps;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.proxmox.model.ProxmoxException;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.PveConnectionException;
import dev.nixpve.wait.Sleeper;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Tries a write again that failed for a passing cause: a 500 the error translator calls
 * {@link PveApiException.Kind#TRANSIENT transient}, or a connection that broke before the answer.
 * Such a write may have reached PVE, so before each new attempt it asks whether the write took
 * effect after all (the VM exists, is a template, is running); only when it did not is the call
 * made again. Domain errors ("already exists", "is locked", "does not exist") are never retried.
 * Each retry is one warning; backoff 1 s, 2 s, ...; {@code maxAttempts} in all.
 */
public record Retries(int maxAttempts, Duration firstBackoff, Sleeper sleeper, EventSink events) {

    public static Retries standard(Sleeper sleeper, EventSink events) {
        return new Retries(3, Duration.ofSeconds(1), sleeper, events);
    }

    public static Retries none() {
        return new Retries(1, Duration.ofSeconds(1), d -> { }, EventSink.discard());
    }

    /** Whether {@code e} may pass by itself, so a write is worth looking at and trying again. */
    public static boolean passing(ProxmoxException e) {
        if (e instanceof PveApiException api) {
            return api.kind() == PveApiException.Kind.TRANSIENT;
        }
        if (e instanceof PveTaskFailedException task) {
            return task.timedOutWaiting(); // every write looks whether it took effect before it is tried again
        }
        return e instanceof PveConnectionException broken && (broken.kind() == PveConnectionException.Kind.TIMEOUT
                || broken.kind() == PveConnectionException.Kind.PROTOCOL
                || broken.kind() == PveConnectionException.Kind.CUT_OFF
                || broken.kind() == PveConnectionException.Kind.UNREACHABLE);
    }

    /**
     * Runs {@code write}; after a passing failure, returns if {@code tookEffect} says the write
     * happened, else tries again, at most {@code maxAttempts} times in all. {@code what} names the
     * write for the warning ("create VM 9100 on pve1").
     */
    public void write(String what, Runnable write, BooleanSupplier tookEffect) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (ProxmoxException e) {
                if (!passing(e) || attempt >= maxAttempts) {
                    throw e;
                }
                if (tookEffect.getAsBoolean()) {
                    events.emit(LogEvent.warn(what + ": " + e.getMessage() + "; it took effect all the same"));
                    return;
                }
                backoff(what, e, attempt);
            }
        }
    }

    private void backoff(String what, ProxmoxException e, int attempt) {
        Duration delay = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 6));
        events.emit(LogEvent.warn(what + " failed (" + e.getMessage() + "); trying again in " + delay.toSeconds()
                + "s (attempt " + (attempt + 1) + " of " + maxAttempts + ")"));
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }
}
