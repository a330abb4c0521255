package dev.nixpve.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.nixpve.sim.http.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The upload row's second receiver, one that cannot be the bottleneck: the JDK's HttpsServer on
 * 127.0.0.1 that reads any request's body into one reused buffer, throws it away and answers as PVE's
 * upload does ({@code {"data":"UPID:..."}}), with no multipart parsing, digest, spool file or task.
 * What it still does is TLS, as pveproxy must. It answers with a fake task, which the row does not wait for,
 * and {@code GET /version}, the call a run makes first, as PVE 9.1 does.
 */
final class DiscardReceiver implements AutoCloseable {

    static final String TASK = "UPID:pve1:00000001:00000001:00000001:imgcopy::root@pam!nixpve:";
    private static final String VERSION = "{\"data\":{\"version\":\"9.1.1\",\"release\":\"9.1\",\"repoid\":\"bench\"}}";

    private final SelfSignedCertificate certificate = SelfSignedCertificate.create("discard", List.of("localhost"),
            List.of("127.0.0.1"));
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "discard-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong bodyBytes = new AtomicLong();
    private final HttpsServer server;

    DiscardReceiver() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.setExecutor(workers);
        server.createContext("/", this::discard);
        server.start();
    }

    /** The environment UploadMain reads its connection from: this receiver, {@code token} as the credentials. */
    Map<String, String> environment(String token) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PROXMOX_VE_ENDPOINT", "https://127.0.0.1:" + server.getAddress().getPort() + "/");
        environment.put("PROXMOX_VE_API_TOKEN", token);
        environment.put("PROXMOX_VE_FINGERPRINT", certificate.fingerprint());
        return environment;
    }

    /** The upload URL curl posts to. */
    String uploadUrl(String node, String storage) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/api2/json/nodes/" + node + "/storage/"
                + storage + "/upload";
    }

    /** All body bytes received so far: a check that the uploads really arrived. */
    long bodyBytes() {
        return bodyBytes.get();
    }

    private void discard(HttpExchange exchange) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        try (exchange; InputStream body = exchange.getRequestBody()) {
            long total = 0;
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
            }
            bodyBytes.addAndGet(total);
            String json = exchange.getRequestURI().getPath().endsWith("/version") ? VERSION
                    : "{\"data\":\"" + TASK + "\"}";
            byte[] answer = json.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
