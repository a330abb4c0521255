package dev.nixpve.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * SIGTERM ({@code systemctl stop}) and SIGINT (Ctrl-C) stop a run the way a failure does: the
 * first interrupts the run, whose cleanup removes what it made (or keeps it with --keep-failed)
 * and says so, within {@code grace}; past that, or at a second signal, the process exits at once
 * and leaves its journal to the next run's recovery. The JVM's default (exit at once, no cleanup)
 * would leave the installer VM running.
 */
final class Signals {

    private static final AtomicReference<String> RECEIVED = new AtomicReference<>();
    private static volatile boolean enabled;

    private Signals() {
    }

    /** Only the real command (Main) takes over signals; commands run inside tests keep the JVM's own. */
    static void enable() {
        enabled = true;
    }

    /** From now on, TERM and INT interrupt {@code worker} instead of ending the JVM. */
    static void stopRunsGracefully(Thread worker, Duration grace) {
        if (!enabled) {
            return;
        }
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> {
                int code = 128 + signal.getNumber();
                if (!RECEIVED.compareAndSet(null, "SIG" + name)) {
                    Runtime.getRuntime().halt(code); // the second signal: now, journal left for recovery
                }
                worker.interrupt();
                Thread deadline = new Thread(() -> {
                    try {
                        Thread.sleep(grace.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    Runtime.getRuntime().halt(code);
                }, "nixpve-cleanup-deadline");
                deadline.setDaemon(true);
                deadline.start();
            });
        }
    }

    /** The signal that stopped this run ("SIGTERM"), if one did. */
    static Optional<String> received() {
        return Optional.ofNullable(RECEIVED.get());
    }

    /** The exit code of a run a signal stopped: 128 + its number, as shells report it. */
    static int exitCode(String signal) {
        return signal.equals("SIGINT") ? 130 : 143;
    }
}
