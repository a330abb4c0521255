package dev.nixpve.sim.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.ApiToken;
import dev.nixpve.config.Fingerprint;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.wire.JerseyTransport;
import dev.nixpve.proxmox.wire.RetryPolicy;
import dev.nixpve.proxmox.wire.TlsTrust;
import dev.nixpve.proxmox.wire.TokenAuthentication;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator's HTTP layer speaks like pveproxy: reason phrases, 501 for chunked, keep-alive. */
class SimHttpServerTest {

    private static final SelfSignedCertificate CERT = SelfSignedCertificate.create("pve1", List.of("localhost"),
            List.of("127.0.0.1"));

    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final SimHttpServer server;

    SimHttpServerTest() throws Exception {
        server = new SimHttpServer(CERT.serverContext(), InetAddress.getLoopbackAddress(), 0, request -> {
            seen.add(request.method() + " " + request.path() + " ?" + request.rawQuery());
            if (request.path().endsWith("/version")) {
                return SimResponse.json(200, "OK", "{\"data\":{\"version\":\"9.1.2\",\"release\":\"9.1\"}}");
            }
            return SimResponse.json(500, "Configuration file 'nodes/pve1/qemu-server/9100.conf' does not exist\n",
                    "{\"data\":null}").delayed(Duration.ofSeconds(3));
        }, delays::add, message -> { });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ourClientReadsTheReasonPhraseThroughPinnedTls() {
        JerseyTransport transport = new JerseyTransport(URI.create("https://127.0.0.1:" + server.port() + "/"),
                new TlsTrust.Pinned(Fingerprint.parse(CERT.fingerprint())), Duration.ofSeconds(5), RetryPolicy.none());
        transport.authenticate(new TokenAuthentication(ApiToken.parse("root@pam!t=abc")));
        try (ProxmoxClient client = new ProxmoxClient(transport)) {
            assertEquals("9.1.2", client.version().version());
            PveApiException error = org.junit.jupiter.api.Assertions.assertThrows(PveApiException.class,
                    () -> client.vmStatus("pve1", 9100));
            assertEquals(PveApiException.Kind.NOT_FOUND, error.kind());
            assertEquals("Configuration file 'nodes/pve1/qemu-server/9100.conf' does not exist", error.pveMessage());
        }
        assertEquals(List.of(Duration.ofSeconds(3)), delays);
        assertEquals("GET /api2/json/nodes/pve1/qemu/9100/status/current ?", seen.get(1));
    }

    @Test
    void aChunkedBodyIsRefusedWith501() throws Exception {
        String response = raw("POST /api2/json/nodes/pve1/storage/local/upload HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n4\r\ntest\r\n0\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 501 chunked transfer encoding not supported\r\n"), response);
        assertTrue(response.contains("Connection: close\r\n"), response);
        assertTrue(seen.isEmpty(), "the handler must not see a chunked request");
    }

    @Test
    void pathsAreDecodedAndQueriesKeptRaw() throws Exception {
        String response = raw("GET /api2/json/nodes/pve1/storage/local/content/local%3Aiso%2Fa+b.iso?content=iso"
                + "&x=a%20b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 500 "), response);
        assertEquals("GET /api2/json/nodes/pve1/storage/local/content/local:iso/a+b.iso ?content=iso&x=a%20b",
                seen.get(0));
    }

    private String raw(String request) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static javax.net.ssl.SSLContext trustAll() throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
