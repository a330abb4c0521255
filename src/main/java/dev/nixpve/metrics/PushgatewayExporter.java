package dev.nixpve.metrics;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.client.authentication.HttpAuthenticationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pushes the metrics to a Prometheus Pushgateway under the grouping key job="nixpve", image and
 * node: a group per node, so a run over several nodes pushes each node's series on its own and
 * never overwrites another node's. A PUT replaces the whole group, which is right: every push carries the full set, the
 * counters and last success included, from the history the runs share. A gateway behind basic
 * auth is given its user and password in the URL ({@code https://user:secret@host:9091}); they are
 * sent as a header and never shown.
 */
public final class PushgatewayExporter implements MetricsExporter {

    static final String JOB = "nixpve";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI gateway;
    private final Optional<String> userInfo;

    public PushgatewayExporter(URI gateway) {
        this.userInfo = Optional.ofNullable(gateway.getRawUserInfo());
        try {
            this.gateway = new URI(gateway.getScheme(), null, gateway.getHost(), gateway.getPort(), gateway.getPath(),
                    null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a Pushgateway URL: " + gateway.getHost(), e);
        }
    }

    /** Replaces the changed node's group with its series; the other nodes' groups stay as they are. */
    @Override
    public void export(RunSeries series) throws IOException {
        push(series.image(), series.changed(), series.of(series.changed()));
    }

    /** Replaces the group of {@code image} on {@code node} with {@code text} (Prometheus text format). */
    public void push(String image, String node, String text) throws IOException {
        Client client = ClientBuilder.newBuilder().connectTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).build();
        userInfo.ifPresent(info -> {
            int colon = info.indexOf(':');
            String user = decode(colon < 0 ? info : info.substring(0, colon));
            String password = colon < 0 ? "" : decode(info.substring(colon + 1));
            client.register(HttpAuthenticationFeature.basic(user, password));
        });
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

    /**
     * A grouping-key label in the path; a value a path cannot hold is sent base64url-encoded, as
     * the Pushgateway reads it.
     */
    private static WebTarget label(WebTarget target, String name, String value) {
        if (value.matches("[A-Za-z0-9_.:-]+")) {
            return target.path(name).path(value);
        }
        return target.path(name + "@base64").path(Base64.getUrlEncoder()
                .encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL without its user and password. */
    @Override
    public String describe() {
        return "Pushgateway " + gateway;
    }
}
