package dev.nixpve.proxmox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.nixpve.config.Secret;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.ProgressEvent;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveConnectionException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.PveUnreadableAnswerException;
import dev.nixpve.proxmox.model.ResourceRef;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jersey implementation of {@link ApiTransport}. It uses the HttpURLConnection connector
 * because that one exposes the HTTP reason phrase (older PVE servers put their error text only
 * there) and, with fixed-length streaming, sends an upload straight from disk with its exact
 * Content-Length instead of buffering it or falling back to chunked encoding, which PVE refuses.
 */
public final class JerseyTransport implements ApiTransport {

    private static final Logger LOG = LoggerFactory.getLogger(JerseyTransport.class);
    /** Progress events at most every 4 MiB: enough for a smooth bar, few enough for a 4 GiB ISO. */
    private static final long PROGRESS_STEP = 4L * 1024 * 1024;
    private final URI apiBase;
    private final URI endpoint;
    private final Client client;
    private final TlsContexts.Tls tls;
    private final RetryPolicy retry;
    private final java.util.Set<String> retriesSaid = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Authentication authentication;

    public JerseyTransport(URI endpoint, TlsTrust trust, Duration requestTimeout, RetryPolicy retry) {
        this.endpoint = endpoint;
        this.apiBase = URI.create(endpoint.toString().replaceAll("/*$", "") + "/api2/json");
        this.tls = TlsContexts.create(trust);
        this.retry = retry;
        int timeoutMillis = Math.toIntExact(requestTimeout.toMillis());
        ClientConfig config = new ClientConfig()
                .connectorProvider(new HttpUrlConnectorProvider().useFixedLengthStreaming())
                .property(ClientProperties.CONNECT_TIMEOUT, timeoutMillis)
                .property(ClientProperties.READ_TIMEOUT, timeoutMillis)
                .property(ClientProperties.FOLLOW_REDIRECTS, false);
        this.client = ClientBuilder.newBuilder().withConfig(config).sslContext(tls.sslContext())
                .hostnameVerifier(tls.hostnameVerifier()).build();
    }

    /** Set once, before the first call; ticket auth needs this transport to obtain its ticket. */
    public void authenticate(Authentication value) {
        this.authentication = value;
    }

    @Override
    public String identity() {
        return authentication == null ? "nobody" : authentication.describe();
    }

    @Override
    public ApiResponse call(ApiRequest request) {
        return execute(request, () -> send(request, headers(request, false)), true);
    }

    @Override
    public ApiResponse upload(ApiRequest request, MultipartUpload body, String operation, EventSink events) {
        try {
            return streamUpload(request, body, operation, events);
        } catch (PveConnectionException broken) {
            throw refusalBehind(request, broken);
        }
    }

    /**
     * pveproxy refuses an upload's authentication or privilege before reading the body, then
     * closes: a body larger than the socket buffers then fails to write and its 403 is never read.
     * The same POST without a body meets the same check (auth_handler runs for every request) and
     * is otherwise harmless (a 400 for the missing parameters), so it recovers PVE's own answer.
     */
    private RuntimeException refusalBehind(ApiRequest request, PveConnectionException broken) {
        try {
            call(request);
        } catch (PveApiException refused) {
            if (refused.kind() == PveApiException.Kind.PERMISSION
                    || refused.kind() == PveApiException.Kind.AUTHENTICATION) {
                return refused;
            }
        } catch (PveConnectionException stillBroken) {
            // the connection itself is the problem: report the upload's own failure
        }
        return broken;
    }

    private ApiResponse streamUpload(ApiRequest request, MultipartUpload body, String operation, EventSink events) {
        return execute(request, () -> {
            AtomicLong lastReported = new AtomicLong(-1);
            StreamingOutput stream = out -> body.writeTo(out, written -> {
                if (written - lastReported.get() >= PROGRESS_STEP || written == body.fileSize()) {
                    lastReported.set(written);
                    events.emit(new ProgressEvent(operation, written, body.fileSize()));
                }
            });
            Invocation.Builder builder = target(request).request(MediaType.APPLICATION_JSON_TYPE);
            headers(request, true).forEach(builder::header);
            builder.header("Content-Length", Long.toString(body.contentLength()));
            return builder.post(Entity.entity(stream, MediaType.valueOf(body.contentType())));
        }, true);
    }

    /** {@code POST /access/ticket}, without any other authentication: the ticket issuer for ticket auth. */
    public TicketAuthentication.Ticket issueTicket(String username, Secret password) {
        ApiRequest request = ApiRequest.post("/access/ticket",
                PveParams.of().put("username", username).put("password", password.reveal()), ResourceRef.none());
        // A 401 here is the answer itself; renewing would only ask again.
        JsonNode data = execute(request, () -> send(request, Map.of()), false).data();
        WireDtos.Ticket ticket = PveJson.convert(data, WireDtos.Ticket.class);
        if (Boolean.TRUE.equals(ticket.needTfa())) {
            throw new PveApiException(PveApiException.Kind.AUTHENTICATION, 401,
                    "user " + username + " needs a second factor (TFA), which nixpve cannot answer",
                    Map.of(), request.operation(), ResourceRef.none(), "user " + username);
        }
        return new TicketAuthentication.Ticket(new Secret(ticket.ticket()), new Secret(ticket.csrfToken()));
    }

    @Override
    public void close() {
        client.close();
    }

    private Map<String, String> headers(ApiRequest request, boolean upload) {
        return authentication == null ? Map.of() : authentication.headers(request.method(), upload);
    }

    private ApiResponse execute(ApiRequest request, Supplier<Response> attempt, boolean mayRenew) {
        boolean renewed = !mayRenew;
        for (int number = 1; ; number++) {
            long started = System.nanoTime();
            try (Response response = attempt.get()) {
                int status = response.getStatus();
                String reason = response.getStatusInfo().getReasonPhrase();
                String body = response.hasEntity() ? response.readEntity(String.class) : "";
                LOG.debug("{} -> {} {} ({} ms)", request.operation(), status, reason,
                        (System.nanoTime() - started) / 1_000_000);
                if (status >= 200 && status < 300) {
                    return data(request, body);
                }
                if (status == 401 && !renewed && authentication != null && authentication.renewAfterRejection()) {
                    renewed = true;
                    continue;
                }
                PveApiException error = ErrorTranslator.translate(request, status, reason, body, identity());
                RetryPolicy.Failure failure = RetryPolicy.isGatewayStatus(status) ? RetryPolicy.Failure.GATEWAY
                        : ErrorTranslator.isTransient(error) ? RetryPolicy.Failure.SERVER_ERROR : null;
                if (failure != null && retry.mayRetry(request, failure, number)) {
                    backoff(request, "HTTP " + status + " " + error.pveMessage(), failure, number);
                    continue;
                }
                throw error;
            } catch (ProcessingException e) {
                ConnectionFailures.Classified failure = ConnectionFailures.classify(e);
                if (failure.retryAs() != null && retry.mayRetry(request, failure.retryAs(), number)) {
                    backoff(request, failure.detail(), failure.retryAs(), number);
                    continue;
                }
                throw new PveConnectionException(failure.kind(), endpoint, failure.detail(),
                        tls.presentedFingerprint(), request.operation(), e);
            }
        }
    }

    private Response send(ApiRequest request, Map<String, String> headers) {
        Invocation.Builder builder = target(request).request(MediaType.APPLICATION_JSON_TYPE);
        headers.forEach(builder::header);
        if (request.method().equals("GET") || request.method().equals("DELETE")) {
            return builder.method(request.method());
        }
        return builder.method(request.method(),
                Entity.entity(formEncode(request.form().asMap()), MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    }

    private jakarta.ws.rs.client.WebTarget target(ApiRequest request) {
        String query = request.query().isEmpty() ? "" : "?" + formEncode(request.query().asMap());
        return client.target(URI.create(apiBase + request.path() + query));
    }

    private static String formEncode(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ApiResponse data(ApiRequest request, String body) {
        if (body == null || body.isBlank()) {
            return new ApiResponse(NullNode.getInstance(), OptionalLong.empty());
        }
        try {
            JsonNode envelope = PveJson.mapper().readTree(body);
            JsonNode total = envelope.path("total");
            return new ApiResponse(envelope.path("data"),
                    total.isMissingNode() || total.isNull() ? OptionalLong.empty() : OptionalLong.of(total.asLong()));
        } catch (IOException e) {
            throw new PveUnreadableAnswerException(request.operation(), body, e);
        }
    }

    private void backoff(ApiRequest request, String why, RetryPolicy.Failure failure, int attempt) {
        try {
            // A poll whose call keeps failing the same way would warn at every look: once is news.
            boolean said = !retriesSaid.add(request.operation() + "\n" + why.strip());
            retry.backoff(request.operation(), why.strip(), failure, attempt, said);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessingException("interrupted while waiting to retry", e);
        }
    }
}
