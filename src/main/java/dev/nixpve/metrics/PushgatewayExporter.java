package dev.nixpve.metrics;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Pushes the metrics to a Prometheus Pushgateway under the grouping key job="nixpve", image and
 * node. A PUT replaces the whole group, which is right: every push carries the full set, the
 * counters and last success included, from the history the runs share.
 */
public final class PushgatewayExporter implements MetricsExporter {

    static final String JOB = "nixpve";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI gateway;

    public PushgatewayExporter(URI gateway) {
        this.gateway = gateway;
    }

    @Override
    public void export(String image, String node, String text) throws IOException {
        Client client = ClientBuilder.newBuilder().connectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).build();
        try {
            WebTarget group = client.target(gateway).path("metrics");
            group = label(label(label(group, "job", JOB), "image", image), "node", node);
            try (Response response = group.request().put(Entity.entity(text.getBytes(StandardCharsets.UTF_8),
                    Exposition.CONTENT_TYPE))) {
                if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
                    String body = response.hasEntity() ? response.readEntity(String.class).strip() : "";
                    throw new IOException("the Pushgateway answered " + response.getStatus() + " "
                            + response.getStatusInfo().getReasonPhrase() + (body.isEmpty() ? "" : ": " + body));
                }
            }
        } catch (ProcessingException e) {
            throw new IOException(e.getCause() == null ? e.getMessage() : e.getCause().toString(), e);
        } finally {
            client.close();
        }
    }

    /** A grouping-key label in the path; a value a path cannot hold is sent base64url-encoded, as the Pushgateway reads it. */
    private static WebTarget label(WebTarget target, String name, String value) {
        if (value.matches("[A-Za-z0-9_.:-]+")) {
            return target.path(name).path(value);
        }
        return target.path(name + "@base64").path(Base64.getUrlEncoder()
                .encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String describe() {
        return "Pushgateway " + gateway;
    }
}
