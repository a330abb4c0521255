package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.event.EventSink;
import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.TaskStatus;
import dev.nixpve.proxmox.model.UploadRequest;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.sim.fault.Fault;
import dev.nixpve.sim.fault.Faults;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SimNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code node-offline} striking during a run: the node dies at its moment as if its power failed,
 * calls proxied to it fail with 595, listings show it offline, its last status lingers in
 * /cluster/resources for pmxcfs's five minutes, and when it comes back its guests are stopped and
 * its unfinished tasks read "unexpected status".
 */
class SimNodeOutageTest {

    static final String TOKEN = "build-outage";

    @TempDir
    Path dir;

    SimHarness sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aNodeThatDiesMidInstallFailsItsGuestsCallsAndTasksWith595() throws Exception {
        sim = SharedSim.start(List.of("pve1", "pve2", "pve3"), List.of("nfs:nfs:iso,images"),
                List.of("node-offline=pve2@task2+30s"));
        uploadInstaller();
        sim.await(sim.client.createVm("pve2", 9600, PveParams.of().put("scsi0", "nfs:8")
                .put("ide2", "nfs:iso/installer.iso,media=cdrom").put("agent", "enabled=1")
                .put("boot", "order=scsi0;ide2").put("smbios1", SimLifecycleTest.smbiosSerial(TOKEN))));
        Upid started = sim.client.startVm("pve2", 9600);
        assertTrue(sim.await(started).succeeded(), "pve2's second task");

        sim.advance(Duration.ofSeconds(20));
        InstallProgress progress = InstallProgress.parse(sim.client.agentFileRead("pve2", 9600,
                InstallProgress.PATH).content());
        assertFalse(progress.phase().isFinal(), "installing while pve2 is up: " + progress);

        sim.advance(Duration.ofSeconds(15));
        PveApiException agent = assertThrows(PveApiException.class,
                () -> sim.client.agentFileRead("pve2", 9600, InstallProgress.PATH));
        assertEquals(595, agent.httpStatus());
        assertEquals(PveApiException.Kind.PROXY, agent.kind());
        assertEquals(595, assertThrows(PveApiException.class, () -> sim.client.taskStatus(started)).httpStatus());
        assertEquals("offline", sim.client.nodes().stream().filter(n -> n.name().equals("pve2")).findFirst()
                .orElseThrow().status());
        assertEquals(0, SharedSim.entry(SharedSim.data(SharedSim.get(sim, "/cluster/status")), "name", "pve2")
                .path("online").asInt());
        assertEquals("running", resource("qemu/9600").path("status").asText(), "its last sample lingers");
        assertEquals("available", resource("storage/pve2/nfs").path("status").asText());

        sim.advance(SimNode.STATUS_EXPIRY);
        assertEquals("unknown", resource("qemu/9600").path("status").asText(), "pmxcfs dropped the old status");
        JsonNode stale = resource("storage/pve2/nfs");
        assertEquals("unknown", stale.path("status").asText());
        assertFalse(stale.has("maxdisk"), stale.toString());
        assertEquals("available", resource("storage/pve1/nfs").path("status").asText(), "the storage itself is fine");

        sim.simulator.faults().clear();
        assertTrue(sim.client.vmStatus("pve2", 9600).stopped(), "back up, its guest is not running");
        synchronized (sim.simulator.cluster()) {
            assertTrue(sim.simulator.cluster().requireStorage("pve1", "nfs").volume("9600/vm-9600-disk-0.raw")
                    .orElseThrow().installedBuild().isEmpty(), "the install never finished");
        }
    }

    @Test
    void aTimedOutageStrikesAtItsMomentEvenWhenNothingAsksInBetween() {
        sim = SharedSim.start(List.of("pve1", "pve2", "pve3"), List.of(), List.of("node-offline=pve2@30s"));
        sim.advance(Duration.ofSeconds(29));
        assertTrue(sim.client.nodes().stream().allMatch(n -> n.status().equals("online")));
        sim.advance(Duration.ofSeconds(2));
        assertEquals("offline", sim.client.nodes().stream().filter(n -> n.name().equals("pve2")).findFirst()
                .orElseThrow().status());
    }

    @Test
    void aWorkerOnANodeThatDiesNeverEndsAndReadsUnexpectedStatusOnceTheNodeIsBack() {
        sim = SharedSim.start(List.of("pve1", "pve2", "pve3"), List.of("san:lvm:images"), List.of());
        sim.await(sim.client.createVm("pve2", 9610, PveParams.of().put("scsi0", "san:40")));
        sim.await(sim.client.convertToTemplate("pve2", 9610).orElseThrow());
        Upid clone = SharedSim.upid(SharedSim.clone(sim, "pve2", 9610, "newid=9611&full=1"));

        sim.simulator.faults().add("node-offline=pve2");
        assertEquals("offline", sim.client.nodes().stream().filter(n -> n.name().equals("pve2")).findFirst()
                .orElseThrow().status(), "a standing fault added while running strikes at the next request");
        sim.advance(Duration.ofMinutes(10));
        assertEquals(595, SharedSim.get(sim, "/nodes/pve2/tasks/" + clone.raw() + "/status").status());

        sim.simulator.faults().clear();
        TaskStatus status = sim.client.taskStatus(clone);
        assertFalse(status.running());
        assertEquals("unexpected status", status.exitStatus().orElseThrow(), "the log ends without a TASK line");
        assertEquals("clone", sim.client.vmConfig("pve2", 9611).get("lock").orElseThrow(),
                "nothing rolled back the half-made clone");
    }

    @Test
    void withoutQuorumAConfigCannotBeWrittenAndADestroyFreesTheDisksButKeepsTheConfig() {
        sim = SharedSim.start(List.of("pve1", "pve2"), List.of(), List.of());
        sim.await(sim.client.createVm("pve1", 9620, PveParams.of().put("scsi0", "local-lvm:4")));
        sim.simulator.faults().add("node-offline=pve2"); // one of two nodes: no quorum

        PveApiException refused = assertThrows(PveApiException.class, () -> sim.client.setVmConfig("pve1", 9620,
                PveParams.of().put("name", "renamed"), Optional.empty()));
        assertTrue(refused.getMessage().contains("unable to open file '/etc/pve/nodes/pve1/qemu-server/9620.conf.tmp."),
                refused.getMessage());
        Upid destroy = sim.client.deleteVm("pve1", 9620, true, true);
        sim.advance(Duration.ofSeconds(5));
        TaskStatus destroyed = sim.client.taskStatus(destroy);

        assertEquals("failed to remove config file: Permission denied", destroyed.exitStatus().orElseThrow());
        assertTrue(sim.client.storageContent("pve1", "local-lvm", Optional.empty()).stream()
                .noneMatch(v -> v.volid().contains("vm-9620-")), "the disks went first");
        assertTrue(sim.simulator.cluster().vm(9620).isPresent(), "the config stays");
    }

    @Test
    void whenIsWrittenAsATimeOrATaskCount() {
        assertEquals(new Fault.NodeOffline("pve2", 0, Duration.ofSeconds(30)),
                Faults.parseOne("node-offline=pve2@30s"));
        assertEquals(new Fault.NodeOffline("pve2", 3, Duration.ZERO), Faults.parseOne("node-offline=pve2@task3"));
        assertEquals(new Fault.NodeOffline("pve2", 2, Duration.ofMinutes(1)),
                Faults.parseOne("node-offline=pve2@task2+1m"));
        assertTrue(((Fault.NodeOffline) Faults.parseOne("node-offline=pve2")).standing());
        for (String bad : List.of("node-offline=pve2@soon", "node-offline=pve2@task0", "node-offline=pve2@30",
                "node-offline=pve2@+30s", "node-offline=pve2@")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Faults.parseOne(bad), bad);
            assertTrue(refused.getMessage().contains("node-offline=node[@when]"), refused.getMessage());
        }
    }

    private void uploadInstaller() throws Exception {
        Path iso = dir.resolve("installer.iso");
        StandInIso.write(iso, TOKEN, "NIXPVE_INSTALLER");
        assertTrue(sim.await(sim.client.upload("pve1", "nfs", UploadRequest.iso(iso, "installer.iso",
                SimUploadTest.sha256(iso)), EventSink.discard())).succeeded());
    }

    private JsonNode resource(String id) {
        return SharedSim.entry(SharedSim.data(SharedSim.get(sim, "/cluster/resources")), "id", id);
    }
}
