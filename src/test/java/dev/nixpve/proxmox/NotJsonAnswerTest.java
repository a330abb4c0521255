package dev.nixpve.proxmox;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.proxmox.wire.RetryPolicy;
import dev.nixpve.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 2xx answer that is not JSON (a proxy's login page, a truncated body) is its own error, never
 * taken for a dropped connection and never retried: asking again gets the same page.
 */
class NotJsonAnswerTest {

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
}
