package dev.nixpve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.sim.api.Privileges;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each privilege the create and config calls need (as qemu-server checks them per key) is asked
 * by preflight: a token missing only it fails before anything is created, naming it.
 */
class PreflightPrivilegesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"VM.Allocate", "VM.Config.CPU", "VM.Config.Memory", "VM.Config.HWType",
        "VM.Config.Options", "VM.Config.Network", "VM.Config.Disk", "VM.Config.CDROM", "VM.Config.Cloudinit"})
    void aTokenMissingOnePrivilegeFailsPreflightNamingIt(String privilege) throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            Set<String> all = Privileges.all("9.1");
            Set<String> vms = new HashSet<>(all);
            vms.remove(privilege);
            String secret = UUID.randomUUID().toString();
            pve.simulator.addToken("ci@pve!nixpve", secret, Map.of("/storage", all, "/nodes", all, "/sdn", all,
                    "/vms", vms));
            pve.configEnvironment.put("PROXMOX_VE_API_TOKEN", "ci@pve!nixpve=" + secret);

            PipelineException failure = assertThrows(PipelineException.class, pve::runWithConfiguredCredentials);

            assertEquals("preflight", failure.step());
            assertTrue(failure.getCause().getMessage().contains(privilege + " on /vms/9100"),
                    failure.getCause().getMessage());
            assertEquals(List.of(), pve.writes());
        }
    }
}
