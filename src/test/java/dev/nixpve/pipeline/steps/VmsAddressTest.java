package dev.nixpve.pipeline.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.PveWireMock;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.testing.FakeClock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The smoke test's address wait: an agent that is not up yet is no news, a refused privilege is an error. */
class VmsAddressTest {

    private static final String INTERFACES = "/nodes/pve/qemu/101/agent/network-get-interfaces";

    @Test
    void anAgentThatIsNotRunningYetMeansNoAddressYet() {
        try (PveWireMock pve = new PveWireMock(); ProxmoxClient client = pve.client()) {
            pve.answer("GET", INTERFACES, 500, "QEMU guest agent is not running", "");

            assertEquals(Optional.empty(), vms(client).ipv4("pve", 101));
        }
    }

    @Test
    void aMissingPrivilegeFailsAtOnceNamingIt() {
        try (PveWireMock pve = new PveWireMock(); ProxmoxClient client = pve.client()) {
            pve.answer("GET", INTERFACES, 403, "Permission check failed (/vms/101, VM.GuestAgent.Audit)", "");

            PveApiException refused = assertThrows(PveApiException.class, () -> vms(client).ipv4("pve", 101));
            assertTrue(refused.getMessage().contains("VM.GuestAgent.Audit"), refused.getMessage());
        }
    }

    private static Vms vms(ProxmoxClient client) {
        FakeClock clock = new FakeClock();
        return new Vms(client, new TaskWaiter(client, clock, clock));
    }
}
