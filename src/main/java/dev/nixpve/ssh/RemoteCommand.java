package dev.nixpve.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One command on a session channel. stdout and stderr are drained by one thread each, so neither
 * fills its window and stalls the other; their lines reach the consumer one at a time.
 */
final class RemoteCommand {

    /** After the output ends, how long the exit status may take to arrive. */
    private static final Duration EXIT_STATUS_GRACE = Duration.ofSeconds(10);

    private final SSHClient client;
    private final String command;
    private final Consumer<String> lines;
    private final Duration timeout;
    private final IdentityKeys.Failure failure;

    RemoteCommand(SSHClient client, String command, Consumer<String> lines, Duration timeout,
                  IdentityKeys.Failure failure) {
        this.client = client;
        this.command = command;
        this.lines = lines;
        this.timeout = timeout;
        this.failure = failure;
    }

    int run() throws SshException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Session session = client.startSession()) {
            Session.Command running = session.exec(command);
            Object order = new Object();
            Consumer<String> oneAtATime = line -> {
                synchronized (order) {
                    lines.accept(line);
                }
            };
            Thread stdout = drain(running.getInputStream(), oneAtATime, "stdout");
            Thread stderr = drain(running.getErrorStream(), oneAtATime, "stderr");
            try {
                joinUntil(stdout, deadline);
                joinUntil(stderr, deadline);
            } catch (InterruptedException e) {
                abandon(running);
                throw e;
            }
            if (stdout.isAlive() || stderr.isAlive()) {
                abandon(running);
                throw failure.of(SshException.Kind.TIMEOUT, "the command did not finish within " + timeout
                                + "; it was sent SIGTERM and the connection closed",
                        "raise the timeout if the host is just slow", null);
            }
            running.join(EXIT_STATUS_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            Integer status = running.getExitStatus();
            return status == null ? -1 : status;
        } catch (IOException e) {
            throw failure.of(SshException.Kind.PROTOCOL, "running a command failed: " + e.getMessage(),
                    "check the connection to the build host and its sshd log", e);
        }
    }

    private static Thread drain(InputStream stream, Consumer<String> lines, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // The channel closed under us (timeout, disconnect): the caller reports that.
            }
        }, "ssh-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void joinUntil(Thread thread, long deadline) throws InterruptedException {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remaining > 0) {
            thread.join(remaining);
        }
    }

    /**
     * Sends SIGTERM, which sshd passes to the command's process group for non-root logins (it refuses
     * signals for root logins), then drops the whole connection: closing just the channel would wait
     * until the command exits. Without a pty a command that survives dies of SIGPIPE at its next output.
     */
    private void abandon(Session.Command running) {
        try {
            running.signal(Signal.TERM);
        } catch (IOException | RuntimeException ignored) {
            // The disconnect below still ends our side.
        }
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // Already failing with a better message.
        }
    }
}
