package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveConnectionException;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.nixpve.config.Fingerprint;
import dev.nixpve.proxmox.wire.JerseyTransport;
import dev.nixpve.proxmox.wire.RetryPolicy;
import dev.nixpve.proxmox.wire.TlsTrust;
import dev.nixpve.proxmox.wire.TokenAuthentication;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Certificate trust against a real TLS server whose certificate no public store knows (like PVE's). */
class TlsTrustTest {

    private final WireMockServer server = new WireMockServer(options().dynamicHttpsPort().httpDisabled(true)
            .bindAddress("127.0.0.1"));

    TlsTrustTest() {
        server.start();
        server.stubFor(get(urlPathEqualTo("/api2/json/version")).willReturn(PveWireMock.response(200, "OK",
                Fixtures.load("version.get.200.pve62.json").body())));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void thePinnedFingerprintIsTrustedWhateverTheHostName() throws Exception {
        ProxmoxClient client = client(new TlsTrust.Pinned(Fingerprint.parse(serverFingerprint())));

        assertEquals("6.2-4", client.version().version());
    }

    @Test
    void anotherFingerprintIsRefusedAndThePresentedOneReported() throws Exception {
        String wrong = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
        ProxmoxClient client = client(new TlsTrust.Pinned(Fingerprint.parse(wrong)));

        PveConnectionException error = assertThrows(PveConnectionException.class, client::version);

        assertEquals(PveConnectionException.Kind.FINGERPRINT_MISMATCH, error.kind());
        assertEquals(serverFingerprint(), error.presentedFingerprint().orElseThrow());
    }

    @Test
    void theSystemStoreRefusesAPrivateCaCertificate() throws Exception {
        ProxmoxClient client = client(new TlsTrust.SystemStore());

        PveConnectionException error = assertThrows(PveConnectionException.class, client::version);

        assertEquals(PveConnectionException.Kind.UNTRUSTED_CERTIFICATE, error.kind());
        assertEquals(serverFingerprint(), error.presentedFingerprint().orElseThrow());
    }

    @Test
    void insecureAcceptsAnything() {
        assertEquals("6.2-4", client(new TlsTrust.Insecure()).version().version());
    }

    private ProxmoxClient client(TlsTrust trust) {
        JerseyTransport transport = new JerseyTransport(URI.create("https://127.0.0.1:" + server.httpsPort() + "/"),
                trust, Duration.ofSeconds(10), RetryPolicy.none());
        transport.authenticate(new TokenAuthentication(PveWireMock.TOKEN));
        return new ProxmoxClient(transport);
    }

    private String serverFingerprint() throws Exception {
        return TlsTestSupport.fingerprintOf(server.httpsPort());
    }
}
