package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.PveCheck;
import dev.nixpve.pipeline.steps.PveCheckReport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.sim.api.Privileges;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke-test clone is created on a VMID of its own, and PVE checks VM.Allocate on that VMID:
 * a token granted only the first id of the range passes a check of that id and fails mid-run. The
 * check covers every VMID the run will use.
 */
class PveCheckVmidsTest {

    @TempDir
    Path dir;

    @Test
    void everyVmidTheRunWillUseIsChecked() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            Set<String> all = Privileges.all("9.1");
            String secret = UUID.randomUUID().toString();
            pve.simulator.addToken("ci@pve!nixpve", secret, Map.of("/storage", all, "/sdn", all, "/nodes", all,
                    "/vms/9100", all));
            pve.configEnvironment.put("PROXMOX_VE_API_TOKEN", "ci@pve!nixpve=" + secret);
            NixpveConfig config = pve.config(List.of());

            try (ProxmoxClient client = new ProxmoxConnector(pve.clock, pve.clock, EventSink.discard())
                    .connect(config.proxmox())) {
                PveCheckReport report = new PveCheck(client).run(config.target().single(), 2);

                List<String> missing = report.missing().stream()
                        .map(p -> p.requirement().privilegeName() + " on " + p.requirement().aclPath()).toList();
                assertTrue(missing.contains("VM.Allocate on /vms/9101"), missing.toString());
                assertTrue(missing.contains("VM.Clone on /vms/9101") || missing.contains("VM.PowerMgmt on /vms/9101"),
                        missing.toString());
                assertFalse(missing.stream().anyMatch(m -> m.endsWith("/vms/9100")), missing.toString());
                assertEquals(false, report.ok());
            }
        }
    }
}
