package dev.nixpve.sim.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A small HTTP/1.1 server over TLS that answers the way pveproxy does: custom reason phrases,
 * {@code Server: pve-api-daemon/3.0}, {@code Connection: close} after errors, 501 for chunked
 * bodies, and keep-alive otherwise. The JDK's HttpServer cannot set reason phrases, and on older
 * PVE servers the reason phrase is the only place an error's text appears.
 */
public final class SimHttpServer implements AutoCloseable {

    /** Answers one request; may read the request body, and must not keep it. */
    @FunctionalInterface
    public interface Handler {
        SimResponse handle(SimRequest request) throws IOException;
    }

    /** How long the server waits, as a seam so tests need not wait the 3 s PVE delays 401s by. */
    @FunctionalInterface
    public interface Delayer {
        void delay(Duration duration) throws InterruptedException;
    }

    private static final int MAX_HEADER_LINES = 64;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final ServerSocket socket;
    private final Handler handler;
    private final Delayer delayer;
    private final Consumer<String> log;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "pve-sim-http");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.Set<Socket> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    public SimHttpServer(SSLContext tls, InetAddress bind, int port, Handler handler, Delayer delayer,
                         Consumer<String> log) throws IOException {
        this.socket = tls.getServerSocketFactory().createServerSocket(port, 50, bind);
        this.handler = handler;
        this.delayer = delayer;
        this.log = log;
        Thread acceptor = new Thread(this::acceptLoop, "pve-sim-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        running = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        // a worker blocked reading an idle keep-alive connection only wakes when its socket closes
        connections.forEach(connection -> {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                if (running) {
                    log.accept("accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        connections.add(client);
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
            OutputStream out = client.getOutputStream();
            boolean keepAlive = true;
            while (keepAlive && running) {
                keepAlive = serveOne(client, in, out);
            }
        } catch (SocketException | javax.net.ssl.SSLException closed) {
            // the client went away or failed the handshake (e.g. it does not trust our certificate)
        } catch (IOException e) {
            if (running) {
                log.accept("connection failed: " + e.getMessage());
            }
        } finally {
            connections.remove(client);
        }
    }

    /** Serves one request; false when the connection must close afterwards. */
    private boolean serveOne(Socket client, InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return false;
        }
        if (requestLine.isEmpty()) {
            return true;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            write(out, SimResponse.text(506, "unable to parse request line"), false);
            return false;
        }
        Map<String, String> headers = readHeaders(in);
        if (headers == null) {
            write(out, SimResponse.text(506, "unable to parse request header"), false);
            return false;
        }
        String transferEncoding = header(headers, "Transfer-Encoding");
        if (transferEncoding != null) {
            String reason = transferEncoding.equalsIgnoreCase("chunked") ? "chunked transfer encoding not supported"
                    : "Unknown transfer encoding '" + transferEncoding + "'";
            write(out, SimResponse.text(501, reason), false);
            return false;
        }
        long length = parseLength(header(headers, "Content-Length"));
        String target = parts[1];
        int question = target.indexOf('?');
        String path = URLDecoder.decode((question < 0 ? target : target.substring(0, question))
                .replace("+", "%2B"), StandardCharsets.UTF_8);
        String query = question < 0 ? "" : target.substring(question + 1);
        BoundedInputStream body = new BoundedInputStream(in, length);
        SimRequest request = new SimRequest(parts[0], path, query, headers, length, body,
                client.getInetAddress().getHostAddress());
        SimResponse response;
        try {
            response = handler.handle(request);
        } catch (ConnectionReset reset) {
            log.accept("resetting the connection on " + parts[0] + " " + path + ": " + reset.getMessage());
            client.setSoLinger(true, 0);
            return false;
        } catch (RuntimeException e) {
            log.accept("handler failed on " + parts[0] + " " + path + ": " + e);
            response = SimResponse.json(500, "internal error", "{\"data\":null}");
        }
        boolean keepAlive = !response.isError() && !"close".equalsIgnoreCase(header(headers, "Connection"))
                && parts[2].equals("HTTP/1.1") && body.drain();
        if (!response.delay().isZero()) {
            try {
                delayer.delay(response.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        write(out, response, keepAlive);
        return keepAlive;
    }

    private static void write(OutputStream out, SimResponse response, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append("HTTP/1.1 ").append(response.status()).append(' ').append(oneLine(response.reason()))
                .append("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "max-age=0");
        headers.put("Connection", keepAlive ? "Keep-Alive" : "close");
        headers.put("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        headers.put("Pragma", "no-cache");
        headers.put("Server", "pve-api-daemon/3.0");
        headers.putAll(response.headers());
        headers.put("Content-Length", Integer.toString(response.body().length));
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        // one write: a head and a body in separate TLS records meet Nagle and delayed ACKs (40 ms a call)
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] message = Arrays.copyOf(headBytes, headBytes.length + response.body().length);
        System.arraycopy(response.body(), 0, message, headBytes.length, response.body().length);
        out.write(message);
        out.flush();
    }

    /** PVE's reason phrase is the first line of the error message. */
    private static String oneLine(String reason) {
        String first = reason == null ? "" : reason.strip().lines().findFirst().orElse("");
        return first.replaceAll("[\\r\\n]", " ");
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int bytes = 0;
        for (int lines = 0; lines < MAX_HEADER_LINES; lines++) {
            String line = readLine(in);
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                return headers;
            }
            bytes += line.length();
            int colon = line.indexOf(':');
            if (colon <= 0 || bytes > MAX_HEADER_BYTES) {
                return null;
            }
            headers.merge(line.substring(0, colon).trim(), line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        return null;
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static long parseLength(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A CRLF- (or LF-) terminated ISO-8859-1 line, or null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
            if (line.size() > MAX_HEADER_BYTES) {
                throw new IOException("header line too long");
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Exactly {@code limit} bytes of the connection; drained so keep-alive finds the next request. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }

        /** Skips what the handler left; false when the stream ended early. */
        boolean drain() throws IOException {
            while (remaining > 0) {
                long skipped = in.skip(remaining);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        return false;
                    }
                    remaining--;
                } else {
                    remaining -= skipped;
                }
            }
            return true;
        }
    }
}
