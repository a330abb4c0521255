package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveConnectionException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.PveUnreadableAnswerException;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.ApiToken;
import dev.nixpve.proxmox.wire.JerseyTransport;
import dev.nixpve.proxmox.wire.RetryPolicy;
import dev.nixpve.proxmox.wire.TlsTrust;
import dev.nixpve.proxmox.wire.TokenAuthentication;
import dev.nixpve.testing.FakeClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reads are retried with backoff; a write that may have reached PVE never is, and neither is an
 * answer that is not JSON (a proxy's sign-in page, a truncated body).
 */
class RetryTest {

    private final PveWireMock pve = new PveWireMock();
    private final FakeClock clock = new FakeClock();
    private final ProxmoxClient client = new ProxmoxClient(pve.transport(
            new RetryPolicy(3, Duration.ofSeconds(1), clock)));

    @AfterEach
    void stop() {
        client.close();
        pve.close();
    }

    @Test
    void aGetIsRetriedAfterAGatewayErrorWithGrowingBackoff() {
        pve.stub(request("GET", urlPathEqualTo("/api2/json/version")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willSetStateTo("second"), 503, "Service Unavailable", "");
        pve.stub(request("GET", urlPathEqualTo("/api2/json/version")).inScenario("flaky").whenScenarioStateIs("second")
                .willSetStateTo("third"), 596, "Connection timed out", "");
        pve.stub(request("GET", urlPathEqualTo("/api2/json/version")).inScenario("flaky").whenScenarioStateIs("third"),
                200, "OK", Fixtures.load("version.get.200.pve62.json").body());

        assertEquals("6.2-4", client.version().version());

        pve.server().verify(3, getRequestedFor(urlPathEqualTo("/api2/json/version")));
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.sleeps());
    }

    @Test
    void aPostIsNeverRetriedOnceItReachedTheServer() {
        pve.answer("POST", "/nodes/pve/qemu", 503, "Service Unavailable", "");

        PveApiException error = assertThrows(PveApiException.class, () -> client.createVm("pve", 100, PveParams.of()));

        assertEquals(503, error.httpStatus());
        pve.server().verify(1, postRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/qemu")));
        assertEquals(List.of(), clock.sleeps());
    }

    @Test
    void aRefusedConnectionIsRetriedEvenForAPostThenReported() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JerseyTransport transport = new JerseyTransport(URI.create("http://127.0.0.1:" + closedPort + "/"),
                new TlsTrust.SystemStore(), Duration.ofSeconds(5), new RetryPolicy(3, Duration.ofSeconds(1), clock));
        transport.authenticate(new TokenAuthentication(ApiToken.parse("root@pam!t=" + PveWireMock.TOKEN_SECRET)));
        try (ProxmoxClient unreachable = new ProxmoxClient(transport)) {
            PveConnectionException error = assertThrows(PveConnectionException.class,
                    () -> unreachable.createVm("pve", 100, PveParams.of()));

            assertEquals(PveConnectionException.Kind.UNREACHABLE, error.kind());
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.sleeps());
        }
    }

    /** Asking again would get the same page: a 2xx that is not JSON is its own error, never retried. */
    @Test
    void aProxysHtmlPageIsReportedAsSuchAndNotRetried() {
        pve.answer("GET", "/version", 200, "OK", "<html><head><title>Sign in - corporate proxy</title></head></html>");

        PveUnreadableAnswerException error = assertThrows(PveUnreadableAnswerException.class, client::version);

        assertTrue(error.getMessage().startsWith("PVE answered GET /version with something that is not JSON: "
                + "<html><head><title>Sign in"), error.getMessage());
        pve.server().verify(1, getRequestedFor(urlPathEqualTo("/api2/json/version")));
        assertEquals(List.of(), clock.sleeps());
    }

    @Test
    void aTruncatedBodyIsCutShortInTheMessage() {
        pve.answer("GET", "/version", 200, "OK", "{\"data\":{\"version\":\"9.1.2\",\"release\":\"9.1\"" + "x".repeat(300));

        PveUnreadableAnswerException error = assertThrows(PveUnreadableAnswerException.class, client::version);

        assertTrue(error.getMessage().length() < 260, error.getMessage());
        assertTrue(error.getMessage().endsWith("..."), error.getMessage());
    }

    @Test
    void aGetIsRetriedAfterAPassing500AndEachRetryIsOneWarning() {
        java.util.List<dev.nixpve.event.Event> events = new java.util.ArrayList<>();
        ProxmoxClient warned = new ProxmoxClient(pve.transport(new RetryPolicy(3, Duration.ofSeconds(1), clock,
                events::add)));
        pve.stub(request("GET", urlPathEqualTo("/api2/json/version")).inScenario("lock").whenScenarioStateIs(STARTED)
                .willSetStateTo("free"), 500, "can't lock file '/var/lock/pve-manager/pveproxy.lck' - got timeout", "");
        pve.stub(request("GET", urlPathEqualTo("/api2/json/version")).inScenario("lock").whenScenarioStateIs("free"),
                200, "OK", Fixtures.load("version.get.200.pve62.json").body());

        assertEquals("6.2-4", warned.version().version());

        pve.server().verify(2, getRequestedFor(urlPathEqualTo("/api2/json/version")));
        assertEquals(List.of(Duration.ofSeconds(1)), clock.sleeps());
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).toString().contains("GET /version failed (HTTP 500 can't lock file"),
                events.toString());
    }

    /** A poll whose call keeps failing the same way says so once; its later retries go to the debug log. */
    @Test
    void aCallThatKeepsFailingTheSameWayWarnsOnce() {
        java.util.List<dev.nixpve.event.Event> events = new java.util.ArrayList<>();
        ProxmoxClient warned = new ProxmoxClient(pve.transport(new RetryPolicy(3, Duration.ofSeconds(1), clock,
                events::add)));
        pve.stub(request("GET", urlPathEqualTo("/api2/json/version")), 500,
                "can't lock file '/var/lock/pve-manager/pveproxy.lck' - got timeout", "");

        for (int poll = 0; poll < 3; poll++) {
            assertThrows(PveApiException.class, warned::version);
        }

        List<dev.nixpve.event.LogEvent> said = events.stream().map(e -> (dev.nixpve.event.LogEvent) e).toList();
        assertEquals(6, said.size(), said.toString());
        assertEquals(1, said.stream().filter(e -> e.level() == dev.nixpve.event.LogEvent.Level.WARN).count(),
                said.toString());
    }

    @Test
    void aDomainError500IsNeverRetried() {
        pve.answer("GET", "/nodes/pve/qemu/101/config", 500,
                "Configuration file 'nodes/pve/qemu-server/101.conf' does not exist", "");

        PveApiException error = assertThrows(PveApiException.class, () -> client.vmConfig("pve", 101));

        assertEquals(PveApiException.Kind.NOT_FOUND, error.kind());
        pve.server().verify(1, getRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/qemu/101/config")));
        assertEquals(List.of(), clock.sleeps());
    }

    @Test
    void aPassing500OnAPostIsLeftToTheCallerWhoCanLookWhetherItTookEffect() {
        pve.answer("POST", "/nodes/pve/qemu", 500, "cfs-lock 'file-user_cfg' error: got lock request timeout", "");

        PveApiException error = assertThrows(PveApiException.class, () -> client.createVm("pve", 100, PveParams.of()));

        assertEquals(PveApiException.Kind.TRANSIENT, error.kind());
        pve.server().verify(1, postRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/qemu")));
    }
}
