package dev.nixpve.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs processes on this machine. Output is read by two threads (stdout, stderr) so neither pipe
 * can fill and stall the child; the elapsed time comes from the injected clock. On timeout or
 * interrupt the whole tree gets SIGTERM (nix then tells its daemon to abort the build), and SIGKILL
 * after {@code grace}.
 */
public final class LocalProcessRunner implements ProcessRunner {

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    /** How long to wait for the output pipes to drain after the process ended (a daemonised grandchild may hold them). */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final Clock clock;
    private final Duration grace;

    public LocalProcessRunner(Clock clock) {
        this(clock, DEFAULT_GRACE);
    }

    LocalProcessRunner(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    @Override
    public ProcessResult run(ProcessSpec spec, OutputListener output) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(spec.workingDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Instant started = clock.instant();
        Process process = builder.start();
        Tail tail = new Tail(spec.tailLines());
        List<Thread> readers = List.of(
                reader(process.getInputStream(), OutputListener.Stream.STDOUT, output, tail, spec.program()),
                reader(process.getErrorStream(), OutputListener.Stream.STDERR, output, tail, spec.program()));
        boolean timedOut;
        try {
            timedOut = !process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                ProcessTree.stop(process, grace);
            }
        } catch (InterruptedException e) {
            ProcessTree.stop(process, grace);
            throw e;
        }
        for (Thread reader : readers) {
            reader.join(DRAIN.toMillis());
        }
        int exitCode = process.isAlive() ? -1 : process.exitValue();
        return new ProcessResult(exitCode, timedOut, Duration.between(started, clock.instant()),
                tail.lines());
    }

    private static Thread reader(InputStream stream, OutputListener.Stream which, OutputListener output, Tail tail,
                                 String program) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                boolean listening = true;
                while ((line = in.readLine()) != null) {
                    tail.add(line);
                    if (listening) {
                        try {
                            output.line(which, line);
                        } catch (RuntimeException e) {
                            // Keep draining: a child blocked on a full pipe would hang until its timeout.
                            listening = false;
                        }
                    }
                }
            } catch (IOException e) {
                // The pipe closes when the process is killed mid-line; what was read is all there is.
            }
        }, program + "-" + which.name().toLowerCase(java.util.Locale.ROOT));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The last N lines of both streams, in arrival order. */
    private static final class Tail {
        private final int capacity;
        private final Deque<String> lines = new ArrayDeque<>();

        Tail(int capacity) {
            this.capacity = capacity;
        }

        synchronized void add(String line) {
            if (capacity == 0) {
                return;
            }
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized List<String> lines() {
            return new ArrayList<>(lines);
        }
    }
}
