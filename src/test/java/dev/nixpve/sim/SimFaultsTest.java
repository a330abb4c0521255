package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.EventSink;
import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveConnectionException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.ProxmoxException;
import dev.nixpve.proxmox.model.UploadRequest;
import dev.nixpve.sim.fault.Faults;
import dev.nixpve.sim.guest.StandInIso;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every fault {@code --fault} accepts, and what the client sees when it strikes. */
class SimFaultsTest {

    static final String NODE = "pve1";

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
    void installFailStopsInTheNamedPhaseWithTheLogTailThenPowersOff() throws Exception {
        sim = new SimHarness(List.of("install-fail=format"));
        bootInstaller(9100);
        InstallProgress progress = pollUntilFinal(9100);
        assertEquals(InstallProgress.Phase.FAILED, progress.phase());
        assertTrue(progress.message().contains("format"), progress.message());
        assertTrue(progress.log().stream().anyMatch(l -> l.startsWith("format:")), progress.log().toString());
        sim.advance(Duration.ofSeconds(31));
        assertTrue(sim.client.vmStatus(NODE, 9100).stopped());
    }

    @Test
    void installHangNeverLeavesTheInstallPhase() throws Exception {
        sim = new SimHarness(List.of("install-hang"));
        bootInstaller(9100);
        sim.advance(Duration.ofMinutes(30));
        InstallProgress progress = read(9100);
        assertEquals(InstallProgress.Phase.INSTALL, progress.phase());
        assertTrue(progress.percent() < 85);
        assertTrue(sim.client.vmStatus(NODE, 9100).running());
    }

    @Test
    void agentSilentMeansTheAgentNeverAnswers() throws Exception {
        sim = new SimHarness(List.of("agent-silent"));
        bootInstaller(9100);
        sim.advance(Duration.ofSeconds(50));
        PveApiException silent = assertThrows(PveApiException.class, () -> sim.client.agentPing(NODE, 9100));
        assertTrue(silent.getMessage().contains("QEMU guest agent is not running"), silent.getMessage());
    }

    @Test
    void uploadResetDropsTheConnectionMidBodyOnce() throws Exception {
        sim = new SimHarness(List.of("upload-reset"));
        Path iso = dir.resolve("r.iso");
        StandInIso.write(iso, "t", "NIXPVE");
        String sha = SimUploadTest.sha256(iso);
        ProxmoxException reset = assertThrows(ProxmoxException.class, () -> sim.client.upload(NODE, "local",
                UploadRequest.iso(iso, "r.iso", sha), EventSink.discard()));
        assertTrue(reset instanceof PveConnectionException, reset.toString());
        assertTrue(sim.await(sim.client.upload(NODE, "local", UploadRequest.iso(iso, "r.iso", sha),
                EventSink.discard())).succeeded(), "the count is used up");
    }

    @Test
    void http500FailsMatchingRequestsForItsCount() {
        sim = new SimHarness(List.of("http-500=POST:/nodes/*/qemu:1"));
        PveApiException injected = assertThrows(PveApiException.class,
                () -> sim.client.createVm(NODE, 9100, PveParams.of()));
        assertEquals(500, injected.httpStatus());
        sim.await(sim.client.createVm(NODE, 9100, PveParams.of()));
    }

    @Test
    void taskFailFailsEveryTaskOfTheTypeAndRollsBack() {
        sim = new SimHarness(List.of("task-fail=qmcreate:unable to create VM 9100 - no luck"));
        PveTaskFailedException failed = assertThrows(PveTaskFailedException.class,
                () -> sim.await(sim.client.createVm(NODE, 9100, PveParams.of().put("scsi0", "local-lvm:4"))));
        assertTrue(failed.getMessage().contains("no luck"), failed.getMessage());
        assertThrows(PveApiException.class, () -> sim.client.vmConfig(NODE, 9100), "the half-made VM is gone");
    }

    @Test
    void nextidRaceHandsOutAnIdThatIsTakenBeforeTheCreate() {
        sim = new SimHarness(List.of("nextid-race"));
        int suggested = sim.client.nextFreeVmid();
        PveApiException clash = assertThrows(PveApiException.class,
                () -> sim.client.createVm(NODE, suggested, PveParams.of()));
        assertEquals(PveApiException.Kind.ALREADY_EXISTS, clash.kind());
        int next = sim.client.nextFreeVmid();
        assertEquals(suggested + 1, next);
        sim.await(sim.client.createVm(NODE, next, PveParams.of()));
    }

    @Test
    void lockHoldsTheVmsConfigLock() {
        sim = new SimHarness(List.of("lock=9100:backup"));
        sim.await(sim.client.createVm(NODE, 9100, PveParams.of()));
        PveApiException locked = assertThrows(PveApiException.class,
                () -> sim.client.setVmConfig(NODE, 9100, PveParams.of().put("memory", 1024), Optional.empty()));
        assertEquals(PveApiException.Kind.LOCKED, locked.kind());
        assertEquals(Optional.of("backup"), sim.client.vmStatus(NODE, 9100).lock());
    }

    @Test
    void tokenExpireRejectsTheTokenAfterItsTime() {
        sim = new SimHarness(List.of("token-expire=60"));
        sim.client.version();
        sim.advance(Duration.ofSeconds(61));
        PveApiException expired = assertThrows(PveApiException.class, () -> sim.client.version());
        assertEquals(PveApiException.Kind.AUTHENTICATION, expired.kind());
    }

    @Test
    void tokenExpireAfterACallRejectsEveryRequestAfterItsCountOfThatCall() {
        sim = new SimHarness(List.of("token-expire=after:GET:/nodes/*/storage:2"));
        sim.client.storages(NODE);
        sim.client.version(); // another call does not count
        sim.client.storages(NODE);
        PveApiException expired = assertThrows(PveApiException.class, () -> sim.client.version());
        assertEquals(PveApiException.Kind.AUTHENTICATION, expired.kind());
        assertThrows(IllegalArgumentException.class, () -> Faults.parseOne("token-expire=after:GET:nodes"));
    }

    @Test
    void nodeOfflineListsTheNodeOfflineAndFailsCallsProxiedToIt() {
        sim = new SimHarness(List.of("node-offline=pve2"));
        assertEquals("offline", sim.client.nodes().stream().filter(n -> n.name().equals("pve2")).findFirst()
                .orElseThrow().status());
        PveApiException unreachable = assertThrows(PveApiException.class, () -> sim.client.storages("pve2"));
        assertEquals(595, unreachable.httpStatus());
        assertFalse(sim.client.storages(NODE).isEmpty());
    }

    @Test
    void storageFullFailsAllocationsInTheTask() {
        sim = new SimHarness(List.of("storage-full=local-lvm"));
        assertEquals(0, sim.client.storageStatus(NODE, "local-lvm").available());
        PveTaskFailedException full = assertThrows(PveTaskFailedException.class,
                () -> sim.await(sim.client.createVm(NODE, 9100, PveParams.of().put("scsi0", "local-lvm:4"))));
        assertTrue(full.getMessage().contains("insufficient free space"), full.getMessage());
    }

    @Test
    void badSpecsAreRefusedWithTheListOfValidOnes() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Faults.parseOne("install-fail=nowhere"));
        assertTrue(bad.getMessage().contains("phase must be one of"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Faults.parseOne("http-500=FETCH:/x"));
        assertThrows(IllegalArgumentException.class, () -> Faults.parseOne("lock=9100:sleeping"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Faults.parseOne("meteor-strike"));
        assertTrue(unknown.getMessage().contains("upload-reset[=count]"), unknown.getMessage());
    }

    private void bootInstaller(int vmid) throws Exception {
        sim.uploadInstaller(dir, "installer.iso", "tok");
        sim.await(sim.client.createVm(NODE, vmid, PveParams.of().put("scsi0", "local-lvm:8")
                .put("ide2", "local:iso/installer.iso,media=cdrom").put("agent", 1).put("boot", "order=scsi0;ide2")
                .put("smbios1", SimLifecycleTest.smbiosSerial("tok"))));
        sim.await(sim.client.startVm(NODE, vmid));
    }

    private InstallProgress pollUntilFinal(int vmid) {
        for (int i = 0; i < 100; i++) {
            sim.advance(Duration.ofSeconds(3));
            try {
                InstallProgress progress = read(vmid);
                if (progress.phase().isFinal()) {
                    return progress;
                }
            } catch (PveApiException notYet) {
                // agent not up yet
            }
        }
        throw new AssertionError("the install never finished");
    }

    private InstallProgress read(int vmid) {
        return InstallProgress.parse(sim.client.agentFileRead(NODE, vmid, InstallProgress.PATH).content());
    }
}
