package dev.nixpve.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A real program that serves HTTP on 127.0.0.1 (node_exporter, the Pushgateway), started on a
 * free port for one test and stopped after it; {@link #get} reads what it serves.
 */
public final class HttpDaemon implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final URI base;

    private HttpDaemon(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /**
     * Starts {@code program} with the arguments {@code args} makes for a free port, and waits until
     * {@code readyPath} answers 200 (failing at once, with the program's output, if it exits).
     */
    public static HttpDaemon start(Path program, IntFunction<List<String>> args, String readyPath, Path workDir)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(args.apply(port));
        Path log = workDir.resolve(program.getFileName() + ".log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        HttpDaemon daemon = new HttpDaemon(process, log, URI.create("http://127.0.0.1:" + port));
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(program + " exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                return daemon.status(readyPath) == 200;
            });
        } catch (RuntimeException e) {
            daemon.close();
            throw new IOException(program + " did not serve " + readyPath + " within " + START_TIMEOUT + ":\n"
                    + Files.readString(log), e);
        }
        return daemon;
    }

    public URI uri() {
        return base;
    }

    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private int status(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
