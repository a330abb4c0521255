package dev.nixpve.proxmox;

import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.Secret;
import dev.nixpve.proxmox.wire.JerseyTransport;
import dev.nixpve.proxmox.wire.RetryPolicy;
import dev.nixpve.proxmox.wire.TicketAuthentication;
import dev.nixpve.proxmox.wire.TlsTrust;
import dev.nixpve.testing.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * nixpve's debug log (Surefire sends it to target/nixpve-test-debug.log) records every call,
 * and neither it nor any error message holds a token secret, a password or a ticket. Only what
 * this test logged counts: it starts with a marker of its own and reads from there, so a log file
 * left by an earlier run (or a logger that writes elsewhere) cannot make it pass.
 */
class NoSecretsInLogsTest {

    private static final String PASSWORD = "hunter2-very-secret-password";

    @Test
    void callsAndFailuresAreLoggedWithoutSecrets() throws Exception {
        String marker = "NoSecretsInLogsTest starts " + UUID.randomUUID();
        LoggerFactory.getLogger("dev.nixpve.test").debug(marker);
        String ticket;
        try (PveWireMock pve = new PveWireMock()) {
            pve.replay("GET", "/version", "version.get.200.pve62.json");
            pve.answer("GET", "/nodes", 401, "invalid token value!", "");
            try (ProxmoxClient client = pve.client()) {
                client.version();
                String message = assertThrows(PveApiException.class, client::nodes).getMessage();
                assertFalse(message.contains(PveWireMock.TOKEN_SECRET), message);
                assertFalse(client.identity().contains(PveWireMock.TOKEN_SECRET));
                assertFalse(PveWireMock.TOKEN.toString().contains(PveWireMock.TOKEN_SECRET));
            }

            pve.replay("POST", "/access/ticket", "access-ticket.post.200.pve62.json");
            pve.replay("POST", "/nodes/pve/qemu", "qemu-create.post.200.pve62.json");
            ticket = Fixtures.load("access-ticket.post.200.pve62.json").body().replaceAll(
                    "(?s).*\"ticket\":\"([^\"]+)\".*", "$1");
            JerseyTransport transport = new JerseyTransport(pve.endpoint(), new TlsTrust.SystemStore(),
                    Duration.ofSeconds(10), RetryPolicy.none());
            transport.authenticate(new TicketAuthentication("root@pam", new Secret(PASSWORD), transport::issueTicket,
                    new FakeClock()));
            try (ProxmoxClient client = new ProxmoxClient(transport)) {
                client.createVm("pve", 100, PveParams.of().put("cipassword", PASSWORD));
            }
        }

        String log = thisTestsLog(marker);
        assertTrue(log.contains("GET /version -> 200"), "the debug log records calls");
        assertTrue(log.contains("POST /access/ticket -> 200"), "the debug log records calls");
        assertFalse(log.contains(PveWireMock.TOKEN_SECRET), "token secret in the debug log");
        assertFalse(log.contains(PASSWORD), "password in the debug log");
        assertFalse(log.contains(ticket.substring(20, 60)), "ticket in the debug log");
        assertTrue(PveParams.of().put("cipassword", PASSWORD).toString().contains("cipassword=***"));
    }

    private static String thisTestsLog(String marker) throws IOException {
        Path file = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/nixpve-test-debug.log"));
        String whole = Files.readString(file, StandardCharsets.UTF_8);
        int start = whole.lastIndexOf(marker);
        assertTrue(start >= 0, file + " does not hold this test's marker: the debug log is not written there");
        return whole.substring(start);
    }
}
