package dev.nixpve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.sim.api.Privileges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge that is an SDN VNet is checked where PVE checks it: SDN.Use on
 * {@code /sdn/zones/<the VNet's zone>/<vnet>} (pve-guest-common check_vnet_access), not on
 * localnetwork, which covers plain Linux bridges only.
 */
class SdnVnetPreflightTest {

    @TempDir
    Path dir;

    @Test
    void sdnUseOnTheVnetsZonePassesPreflightAndTheRun() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            useVnetWithSdnUseOn(pve, "/sdn/zones/lab/vnet1");

            DeployResult result = pve.runWithConfiguredCredentials();

            assertEquals(9100, result.vmid());
        }
    }

    @Test
    void sdnUseOnLocalnetworkAloneFailsPreflightNamingTheZonePath() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            useVnetWithSdnUseOn(pve, "/sdn/zones/localnetwork/vnet1");

            PipelineException failure = assertThrows(PipelineException.class, pve::runWithConfiguredCredentials);

            assertEquals("preflight", failure.step());
            String message = failure.getCause().getMessage();
            assertTrue(message.contains("SDN.Use on /sdn/zones/lab/vnet1"), message);
            assertEquals(List.of(), pve.writes());
        }
    }

    private void useVnetWithSdnUseOn(PipelineHarness pve, String sdnPath) throws Exception {
        pve.simulator.addVnet("vnet1", "lab");
        Set<String> all = Privileges.all("9.1");
        String secret = UUID.randomUUID().toString();
        pve.simulator.addToken("ci@pve!nixpve", secret, Map.of("/storage", all, "/nodes", all, "/vms", all,
                sdnPath, Set.of("SDN.Use")));
        pve.configEnvironment.put("PROXMOX_VE_API_TOKEN", "ci@pve!nixpve=" + secret);
        Files.writeString(dir.resolve("nixpve.yaml"), "target:\n  bridge: vnet1\n");
    }
}
