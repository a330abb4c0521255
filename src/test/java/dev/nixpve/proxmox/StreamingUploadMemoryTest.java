package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.proxmox.model.UploadRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.ApiToken;
import dev.nixpve.proxmox.wire.JerseyTransport;
import dev.nixpve.proxmox.wire.RetryPolicy;
import dev.nixpve.proxmox.wire.TlsTrust;
import dev.nixpve.proxmox.wire.TokenAuthentication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB upload in a JVM limited to 128 MiB of heap (see the "memory-bounded" Surefire
 * execution): a client that buffered the body could not pass. The receiver is a bare socket that
 * checks what PVE checks: a Content-Length header, no chunked encoding, and exactly that many bytes.
 */
@Tag("memory-bounded")
class StreamingUploadMemoryTest {

    private static final long ONE_GIB = 1024L * 1024 * 1024;
    private static final String UPID = "UPID:pve1:0000A1B2:0001C3D4:6740A1B2:imgcopy::root@pam!nixpve:";

    @TempDir
    Path dir;

    /** What the receiver saw. */
    record Received(Map<String, String> headers, long bodyBytes, String bodyTail) {
    }

    @Test
    void aOneGibibyteIsoStreamsWithItsExactContentLength() throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() <= 160L * 1024 * 1024,
                "this test must run with -Xmx128m, it ran with " + Runtime.getRuntime().maxMemory());
        Path iso = dir.resolve("big.iso");
        try (RandomAccessFile sparse = new RandomAccessFile(iso.toFile(), "rw")) {
            sparse.setLength(ONE_GIB);
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Received> received = CompletableFuture.supplyAsync(() -> receive(server));
            JerseyTransport transport = new JerseyTransport(URI.create("http://127.0.0.1:" + server.getLocalPort()
                    + "/"), new TlsTrust.SystemStore(), Duration.ofSeconds(60), RetryPolicy.none());
            transport.authenticate(new TokenAuthentication(ApiToken.parse("root@pam!nixpve=" + PveWireMock.TOKEN_SECRET)));
            try (ProxmoxClient client = new ProxmoxClient(transport)) {
                Upid upid = client.upload("pve1", "local", new UploadRequest(iso, "big.iso", "iso",
                        java.util.Optional.empty()), event -> { });
                assertEquals("imgcopy", upid.type());
            }

            Received request = received.get(2, TimeUnit.MINUTES);
            long contentLength = Long.parseLong(request.headers().get("content-length"));
            assertTrue(contentLength > ONE_GIB && contentLength < ONE_GIB + 1024, "Content-Length " + contentLength);
            assertEquals(contentLength, request.bodyBytes());
            assertFalse(request.headers().containsKey("transfer-encoding"), request.headers().toString());
            assertTrue(request.bodyTail().endsWith("--\r\n"), request.bodyTail());
        }
    }

    private static Received receive(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            Map<String, String> headers = readHeaders(in);
            long expected = Long.parseLong(headers.getOrDefault("content-length", "-1"));
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            byte[] tail = new byte[0];
            int read;
            while (total < expected && (read = in.read(buffer, 0, (int) Math.min(buffer.length, expected - total))) > 0) {
                total += read;
                if (expected - total < 256) {
                    tail = concat(tail, buffer, read);
                }
            }
            String body = "{\"data\":\"" + UPID + "\"}";
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: "
                    + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new Received(headers, total, new String(tail, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        Map<String, String> headers = new LinkedHashMap<>();
        int previous = -1;
        int current;
        boolean first = true;
        while ((current = in.read()) >= 0) {
            if (previous == '\r' && current == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).trim();
                line.reset();
                if (text.isEmpty()) {
                    return headers;
                }
                if (!first) {
                    int colon = text.indexOf(':');
                    headers.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT), text.substring(colon + 1).trim());
                }
                first = false;
            } else if (current != '\r') {
                line.write(current);
            }
            previous = current;
        }
        return headers;
    }

    private static byte[] concat(byte[] a, byte[] b, int length) {
        byte[] joined = new byte[a.length + length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, length);
        return joined;
    }
}
