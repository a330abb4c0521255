package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nixpve.config.Secret;
import dev.nixpve.proxmox.wire.JerseyTransport;
import dev.nixpve.proxmox.wire.RetryPolicy;
import dev.nixpve.proxmox.wire.TicketAuthentication;
import dev.nixpve.proxmox.wire.TlsTrust;
import dev.nixpve.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ticket auth: cookie on every call, CSRF token on writes, renewal before the 2 h expiry. */
class TicketAuthenticationTest {

    private static final String PASSWORD = "proxmox01-not-logged";

    private final PveWireMock pve = new PveWireMock();
    private final FakeClock clock = new FakeClock();
    private final JerseyTransport transport = new JerseyTransport(pve.endpoint(), new TlsTrust.SystemStore(),
            Duration.ofSeconds(10), RetryPolicy.none());
    private final ProxmoxClient client = new ProxmoxClient(transport);

    TicketAuthenticationTest() {
        transport.authenticate(new TicketAuthentication("root@pam", new Secret(PASSWORD), transport::issueTicket,
                clock));
    }

    @AfterEach
    void stop() {
        client.close();
        pve.close();
    }

    @Test
    void readsUseTheCookieAndWritesAddTheCsrfToken() {
        pve.replay("POST", "/access/ticket", "access-ticket.post.200.pve62.json");
        pve.replay("GET", "/version", "version.get.200.pve62.json");
        pve.replay("POST", "/nodes/pve/qemu", "qemu-create.post.200.pve62.json");

        client.version();
        client.createVm("pve", 100, PveParams.of());

        pve.server().verify(postRequestedFor(urlPathEqualTo("/api2/json/access/ticket"))
                .withRequestBody(equalTo("username=root%40pam&password=" + PASSWORD)));
        pve.server().verify(getRequestedFor(urlPathEqualTo("/api2/json/version"))
                .withHeader("Cookie", matching("PVEAuthCookie=PVE%3Aroot%40pam%3A.*"))
                .withHeader("CSRFPreventionToken", absent()));
        pve.server().verify(postRequestedFor(urlPathEqualTo("/api2/json/nodes/pve/qemu"))
                .withHeader("Cookie", matching("PVEAuthCookie=PVE%3Aroot%40pam%3A.*"))
                .withHeader("CSRFPreventionToken", equalTo("5FBE5EB6:VSdRDpLPnZZ5sus603Nds5Nu3o4VE02VdkljtT0/YHk")));
        assertEquals("user root@pam", client.identity());
    }

    @Test
    void theTicketIsRenewedBeforeItExpires() {
        pve.replay("POST", "/access/ticket", "access-ticket.post.200.pve62.json");
        pve.replay("GET", "/version", "version.get.200.pve62.json");

        client.version();
        clock.advance(Duration.ofMinutes(100));
        client.version();
        pve.server().verify(1, postRequestedFor(urlPathEqualTo("/api2/json/access/ticket")));

        clock.advance(Duration.ofMinutes(10));
        client.version();
        // The renewal posts the old ticket as the password, as PVE intends.
        pve.server().verify(2, postRequestedFor(urlPathEqualTo("/api2/json/access/ticket")));
        pve.server().verify(1, postRequestedFor(urlPathEqualTo("/api2/json/access/ticket"))
                .withRequestBody(matching("username=root%40pam&password=PVE%3Aroot%40pam%3A.*")));
    }

    @Test
    void wrongPasswordIsAnAuthenticationErrorWithoutThePassword() {
        pve.replay("POST", "/access/ticket", "access-ticket.post.401.pve62.json");

        PveApiException error = assertThrows(PveApiException.class, client::version);

        assertEquals(PveApiException.Kind.AUTHENTICATION, error.kind());
        assertEquals("authentication failure", error.pveMessage());
        assertFalse(error.getMessage().contains(PASSWORD));
    }
}
