package dev.nixpve.proxmox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.nixpve.config.ApiToken;
import dev.nixpve.proxmox.wire.JerseyTransport;
import dev.nixpve.proxmox.wire.RetryPolicy;
import dev.nixpve.proxmox.wire.TlsTrust;
import dev.nixpve.proxmox.wire.TokenAuthentication;
import java.net.URI;
import java.time.Duration;

/** A WireMock server that answers like PVE: JSON bodies, PVE's server header and reason phrases. */
public final class PveWireMock implements AutoCloseable {

    public static final String TOKEN_SECRET = "5f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    public static final ApiToken TOKEN = ApiToken.parse("root@pam!nixpve=" + TOKEN_SECRET);

    private final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    public PveWireMock() {
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    /** Answers {@code method path} (path below /api2/json) with a recorded fixture. */
    public void replay(String method, String path, String fixture) {
        Fixtures.Fixture recorded = Fixtures.load(fixture);
        answer(method, path, recorded.status(), recorded.reason(), recorded.body());
    }

    public void answer(String method, String path, int status, String reason, String body) {
        stub(request(method, urlPathEqualTo("/api2/json" + path)), status, reason, body);
    }

    public void stub(MappingBuilder mapping, int status, String reason, String body) {
        server.stubFor(mapping.willReturn(response(status, reason, body)));
    }

    public static ResponseDefinitionBuilder response(int status, String reason, String body) {
        return aResponse().withStatus(status).withStatusMessage(reason)
                .withHeader("Content-Type", "application/json;charset=UTF-8")
                .withHeader("Server", "pve-api-daemon/3.0").withBody(body);
    }

    public JerseyTransport transport(RetryPolicy retry) {
        JerseyTransport transport = new JerseyTransport(endpoint(), new TlsTrust.SystemStore(), Duration.ofSeconds(10),
                retry);
        transport.authenticate(new TokenAuthentication(TOKEN));
        return transport;
    }

    public ProxmoxClient client() {
        return new ProxmoxClient(transport(RetryPolicy.none()));
    }

    @Override
    public void close() {
        server.stop();
    }
}
