package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.TaskLog;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.proxmox.model.UploadRequest;
import dev.nixpve.proxmox.model.VmConfig;
import dev.nixpve.sim.guest.StandInIso;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call of the production client, unchanged, against the simulator: the same client the
 * WireMock replay tests check against recorded responses works against the simulated server.
 */
class ClientAgainstSimulatorTest {

    static final String NODE = "pve1";

    @TempDir
    Path dir;

    SimHarness sim = new SimHarness();
    ProxmoxClient client = sim.client;

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void discoveryCalls() {
        assertEquals("9.1.1", client.version().version());
        assertEquals(2, client.nodes().size());
        assertTrue(client.permissions("/vms/9100").has("VM.Allocate"));
        assertEquals(100, client.nextFreeVmid());
        assertTrue(client.isVmidFree(9100));
        assertTrue(client.resources(Optional.of("node")).size() >= 2);
        assertEquals(Set.of("local", "local-lvm"), Set.copyOf(client.storages(NODE).stream().map(s -> s.storage())
                .toList()));
        assertTrue(client.storageStatus(NODE, "local").content().contains("iso"));
    }

    @Test
    void configWritesWithDigestAndTheErrorKindsTheClientTellsApart() {
        sim.await(client.createVm(NODE, 9100, PveParams.of().put("name", "a").put("scsi0", "local-lvm:4")));
        assertFalse(client.isVmidFree(9100));
        VmConfig config = client.vmConfig(NODE, 9100);
        client.setVmConfig(NODE, 9100, PveParams.of().put("cores", 2).put("onboot", true),
                Optional.of(config.digest()));
        Upid async = client.updateVmConfig(NODE, 9100, PveParams.of().put("description", "built by nixpve"),
                Optional.empty()).orElseThrow();
        sim.await(async);
        VmConfig updated = client.vmConfig(NODE, 9100);
        assertEquals("2", updated.get("cores").orElseThrow());
        assertEquals("1", updated.get("onboot").orElseThrow());
        assertEquals("built by nixpve", updated.get("description").orElseThrow());

        assertEquals(PveApiException.Kind.DIGEST_MISMATCH, assertThrows(PveApiException.class,
                () -> client.setVmConfig(NODE, 9100, PveParams.of().put("cores", 4), Optional.of(config.digest())))
                .kind());
        assertEquals(PveApiException.Kind.ALREADY_EXISTS, assertThrows(PveApiException.class,
                () -> client.createVm(NODE, 9100, PveParams.of())).kind());
        assertEquals(PveApiException.Kind.NOT_FOUND, assertThrows(PveApiException.class,
                () -> client.vmConfig(NODE, 4242)).kind());
        PveApiException invalid = assertThrows(PveApiException.class,
                () -> client.setVmConfig(NODE, 9100, PveParams.of().put("cores", "many"), Optional.empty()));
        assertEquals(PveApiException.Kind.INVALID_PARAMETER, invalid.kind());
        assertEquals("type check ('integer') failed - got 'many'", invalid.parameterErrors().get("cores").strip());
        PveApiException unknown = assertThrows(PveApiException.class,
                () -> client.setVmConfig(NODE, 9100, PveParams.of().put("colour", "blue"), Optional.empty()));
        assertTrue(unknown.parameterErrors().get("colour").contains("property is not defined in schema"),
                unknown.parameterErrors().toString());
    }

    @Test
    void powerTemplateCloneDeleteAndTaskLogs() {
        Upid create = client.createVm(NODE, 9100, PveParams.of().put("scsi0", "local-lvm:4").put("agent", 1));
        sim.await(create);
        TaskLog log = client.taskLog(create, 0, 50);
        assertEquals("TASK OK", log.lines().get(log.lines().size() - 1).text());
        assertFalse(client.taskLogTail(create, 5).isEmpty());
        sim.await(client.startVm(NODE, 9100));
        assertTrue(client.vmStatus(NODE, 9100).running());
        assertEquals(PveApiException.Kind.SERVER, assertThrows(PveApiException.class,
                () -> client.agentPing(NODE, 9100)).kind(), "nothing bootable: no agent answers");
        sim.await(client.shutdownVm(NODE, 9100, 30, true));
        assertTrue(client.vmStatus(NODE, 9100).stopped());
        sim.await(client.convertToTemplate(NODE, 9100).orElseThrow());
        sim.await(client.cloneVm(NODE, 9100, CloneRequest.full(9101, "full", "local-lvm")));
        assertEquals("local-lvm:vm-9101-disk-0,size=4G", client.vmConfig(NODE, 9101).get("scsi0").orElseThrow());
        sim.await(client.deleteVm(NODE, 9101, true, true));
        sim.await(client.deleteVm(NODE, 9100, true, true));
        assertTrue(client.isVmidFree(9100));
    }

    @Test
    void uploadListAndDeleteAnIso() throws Exception {
        Path iso = dir.resolve("n.iso");
        StandInIso.write(iso, "t", "NIXPVE");
        sim.await(client.upload(NODE, "local", UploadRequest.iso(iso, "n.iso", SimUploadTest.sha256(iso)),
                EventSink.discard()));
        assertEquals("local:iso/n.iso", client.storageContent(NODE, "local", Optional.of("iso")).get(0).volid());
        client.deleteVolume(NODE, "local", "local:iso/n.iso").ifPresent(sim::await);
        assertTrue(client.storageContent(NODE, "local", Optional.of("iso")).isEmpty());
    }

    @Test
    void ticketAuthenticationWithCsrfAndTheMissingPrivilegeOfALimitedToken() {
        ProxmoxClient viaTicket = sim.connect(Map.of("PROXMOX_VE_ENDPOINT", sim.simulator.endpoint().toString(),
                "PROXMOX_VE_USERNAME", "root@pam", "PROXMOX_VE_PASSWORD", sim.simulator.rootPassword(),
                "PROXMOX_VE_FINGERPRINT", sim.simulator.fingerprint()));
        sim.await(viaTicket.createVm(NODE, 9100, PveParams.of()));
        sim.advance(Duration.ofMinutes(110));
        sim.await(viaTicket.createVm(NODE, 9102, PveParams.of()));
        viaTicket.close();

        sim.simulator.addToken("nixpve@pve!build", "secret-1", Map.of("/vms", Set.of("VM.Audit")));
        ProxmoxClient limited = sim.connect(Map.of("PROXMOX_VE_ENDPOINT", sim.simulator.endpoint().toString(),
                "PROXMOX_VE_API_TOKEN", "nixpve@pve!build=secret-1",
                "PROXMOX_VE_FINGERPRINT", sim.simulator.fingerprint()));
        PveApiException refused = assertThrows(PveApiException.class, () -> limited.startVm(NODE, 9100));
        assertEquals(PveApiException.Kind.PERMISSION, refused.kind());
        assertEquals("VM.PowerMgmt", refused.missingPrivilege().orElseThrow().privilege());
        assertEquals("/vms/9100", refused.missingPrivilege().orElseThrow().path());
        limited.close();
    }
}
