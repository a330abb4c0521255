package dev.nixpve.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A curl-like client for simulator tests: writes the request bytes exactly as given (bodies on
 * GET, chunked encoding, odd multipart) and returns status, reason phrase, headers and body.
 */
final class RawHttps {

    record Response(int status, String reason, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;
    private final SSLContext tls;

    RawHttps(PveSimulator simulator) {
        this.port = simulator.endpoint().getPort();
        this.tls = trusting(simulator);
    }

    Response send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        try (Socket socket = tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null && !headers.containsKey("Transfer-Encoding")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Sends only the request head, announcing {@code declaredLength} body bytes that never come. */
    Response sendHead(String method, String path, Map<String, String> headers, long declaredLength)
            throws IOException {
        try (Socket socket = tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(declaredLength).append("\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.setSoTimeout(10_000);
            return read(socket.getInputStream());
        }
    }

    Response get(String path, String token) throws IOException {
        return send("GET", path, Map.of("Authorization", "PVEAPIToken=" + token), null);
    }

    Response form(String method, String path, String token, String form) throws IOException {
        return send(method, path, Map.of("Authorization", "PVEAPIToken=" + token,
                "Content-Type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8));
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        String header;
        while (!(header = line(in)).isEmpty()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Response(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static SSLContext trusting(PveSimulator simulator) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("sim", simulator.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
