package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.Upid;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /nodes/{node}/qemu/{vmid}/clone} with {@code target}, as qemu-server's clone_vm
 * (src/PVE/API2/Qemu.pm) decides it: only a VM whose every volume is on shared storage may go to
 * another node, a {@code storage} must be shared and available there too, a linked clone needs the
 * storage's clone feature like anywhere; the task runs on the source's node and the new VM ends on
 * the target.
 */
class SimCloneTargetTest {

    SimHarness sim = SharedSim.start(List.of("pve1", "pve2", "pve3"),
            List.of("nfs:nfs:iso,images", "ceph:rbd:images", "san:lvm:images", "nfs-two:nfs:images:pve1,pve2"),
            List.of());

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aVmOnLocalStorageStaysOnItsNode() {
        template(9500, PveParams.of().put("scsi0", "local-lvm:4"));
        assertRefused(500, "can't clone VM to node 'pve2' (VM uses local storage)",
                SharedSim.clone(sim, "pve1", 9500, "newid=9501&target=pve2"));
        assertTrue(sim.await(SharedSim.upid(SharedSim.clone(sim, "pve1", 9500, "newid=9502&target=pve1")))
                .succeeded(), "a target that is the node itself is no target");
    }

    @Test
    void aCloudInitDriveOnLocalStorageMakesTheVmLocalButAnEmptyCdromDoesNot() {
        template(9503, PveParams.of().put("scsi0", "nfs:4").put("ide2", "local-lvm:cloudinit"));
        assertRefused(500, "can't clone VM to node 'pve2' (VM uses local storage)",
                SharedSim.clone(sim, "pve1", 9503, "newid=9504&target=pve2"));

        template(9505, PveParams.of().put("scsi0", "nfs:4").put("ide2", "none,media=cdrom"));
        assertTrue(sim.await(SharedSim.upid(SharedSim.clone(sim, "pve1", 9505, "newid=9506&target=pve2")))
                .succeeded(), "$check_storage_access_clone skips 'none'");
    }

    @Test
    void aFullCloneRunsOnTheSourceNodeAndEndsOnTheTarget() {
        template(9510, PveParams.of().put("scsi0", "san:4").put("name", "tpl"));
        Upid upid = SharedSim.upid(SharedSim.clone(sim, "pve1", 9510, "newid=9511&target=pve2&full=1&name=moved"));
        assertEquals("pve1", upid.node(), "the worker runs where the source is");
        assertEquals("clone", sim.client.vmConfig("pve1", 9511).get("lock").orElseThrow(),
                "the config is written on the source node until the end");

        assertTrue(sim.await(upid).succeeded());
        assertEquals("san:vm-9511-disk-0,size=4G", sim.client.vmConfig("pve2", 9511).get("scsi0").orElseThrow());
        assertEquals("moved", sim.client.vmConfig("pve2", 9511).get("name").orElseThrow());
        PveApiException gone = assertThrows(PveApiException.class, () -> sim.client.vmConfig("pve1", 9511));
        assertEquals("Configuration file 'nodes/pve1/qemu-server/9511.conf' does not exist", gone.pveMessage());
        assertRefused(500, "Linked clone feature is not supported for 'san:vm-9510-disk-0' (scsi0)",
                SharedSim.clone(sim, "pve1", 9510, "newid=9512&target=pve2"));
    }

    @Test
    void linkedClonesGoToOtherNodesBesideTheirBaseOnStoragesThatCanLink() {
        template(9520, PveParams.of().put("scsi0", "ceph:4"));
        assertTrue(sim.await(SharedSim.upid(SharedSim.clone(sim, "pve1", 9520, "newid=9521&target=pve2")))
                .succeeded());
        assertEquals("ceph:base-9520-disk-0/vm-9521-disk-0,size=4G",
                sim.client.vmConfig("pve2", 9521).get("scsi0").orElseThrow(), "RBDPlugin clone_image: BASE/NAME");
        JsonNode listed = SharedSim.entry(SharedSim.data(SharedSim.get(sim, "/nodes/pve3/storage/ceph/content")),
                "volid", "ceph:base-9520-disk-0/vm-9521-disk-0");
        assertEquals("base-9520-disk-0@__base__", listed.path("parent").asText(), listed.toString());
        var destroy = sim.client.deleteVm("pve1", 9520, true, true);
        PveTaskFailedException inUse = assertThrows(PveTaskFailedException.class, () -> sim.await(destroy));
        assertTrue(inUse.getMessage().endsWith("base volume 'ceph:base-9520-disk-0' is still in use by linked cloned"),
                inUse.getMessage());

        template(9530, PveParams.of().put("scsi0", "nfs:4"));
        assertTrue(sim.await(SharedSim.upid(SharedSim.clone(sim, "pve1", 9530, "newid=9531&target=pve3")))
                .succeeded());
        assertEquals("nfs:9530/base-9530-disk-0.raw/9531/vm-9531-disk-0.qcow2,size=4G",
                sim.client.vmConfig("pve3", 9531).get("scsi0").orElseThrow());
    }

    @Test
    void aTargetStorageMustHoldImagesBeSharedAndBeAvailableOnTheTarget() {
        template(9540, PveParams.of().put("scsi0", "nfs:4"));
        RawHttps.Response noImages = SharedSim.clone(sim, "pve1", 9540, "newid=9541&target=pve2&full=1&storage=local");
        assertEquals(400, noImages.status());
        assertTrue(noImages.body().contains("storage 'local' does not support vm images"), noImages.body());
        assertRefused(500, "can't clone to non-shared storage 'local-lvm'",
                SharedSim.clone(sim, "pve1", 9540, "newid=9541&target=pve2&full=1&storage=local-lvm"));
        assertRefused(500, "storage 'nfs-two' is not available on node 'pve3'",
                SharedSim.clone(sim, "pve1", 9540, "newid=9541&target=pve3&full=1&storage=nfs-two"));
        assertRefused(500, "no such cluster node 'pve9'",
                SharedSim.clone(sim, "pve1", 9540, "newid=9541&target=pve9"));

        assertTrue(sim.await(SharedSim.upid(SharedSim.clone(sim, "pve1", 9540,
                "newid=9541&target=pve2&full=1&storage=nfs-two"))).succeeded());
        assertTrue(sim.client.vmConfig("pve2", 9541).get("scsi0").orElseThrow().startsWith("nfs-two:9541/"));
    }

    @Test
    void anOfflineTargetTakesTheCloneWhileTheClusterIsQuorate() {
        template(9550, PveParams.of().put("scsi0", "nfs:4"));
        sim.simulator.faults().add("node-offline=pve3");
        assertTrue(sim.await(SharedSim.upid(SharedSim.clone(sim, "pve1", 9550, "newid=9551&target=pve3")))
                .succeeded(), "check_node_exists asks for a member, not a live one; 2 of 3 votes are quorate");
        RawHttps.Response unreachable = SharedSim.get(sim, "/nodes/pve3/qemu/9551/config");
        assertEquals(595, unreachable.status(), "the clone lives on the dead node");

        sim.simulator.faults().add("node-offline=pve2");
        assertRefused(500, "cluster not ready - no quorum?",
                SharedSim.clone(sim, "pve1", 9550, "newid=9552&target=pve2"));
        PveApiException create = assertThrows(PveApiException.class,
                () -> sim.client.createVm("pve1", 9553, PveParams.of().put("memory", 512)));
        assertEquals("cluster not ready - no quorum?", create.pveMessage());
        PveApiException start = assertThrows(PveApiException.class, () -> sim.client.startVm("pve1", 9550));
        assertEquals("cluster not ready - no quorum?", start.pveMessage());
    }

    @Test
    void aVmidIsUniqueInTheClusterButOnlyTheWorkerFindsItOnAnotherNode() {
        template(9560, PveParams.of().put("scsi0", "nfs:4"));
        sim.await(sim.client.createVm("pve2", 9561, PveParams.of().put("memory", 512)));
        sim.await(sim.client.createVm("pve1", 9562, PveParams.of().put("memory", 512)));

        assertRefused(500, "unable to create VM 9562: config file already exists",
                SharedSim.clone(sim, "pve1", 9560, "newid=9562"));
        Upid upid = SharedSim.upid(SharedSim.clone(sim, "pve1", 9560, "newid=9561"));
        PveTaskFailedException refused = assertThrows(PveTaskFailedException.class, () -> sim.await(upid));
        assertEquals("close (rename) atomic file '/etc/pve/nodes/pve1/qemu-server/9561.conf' failed: File exists",
                refused.exitStatus(), "pmxcfs refuses the VMID pve2 has");
        assertEquals("512", sim.client.vmConfig("pve2", 9561).get("memory").orElseThrow(), "pve2's VM is untouched");
        PveApiException create = assertThrows(PveApiException.class,
                () -> sim.client.createVm("pve1", 9561, PveParams.of().put("memory", 512)));
        assertEquals("unable to create VM 9561 - VM 9561 already exists on node 'pve2'", create.pveMessage());
        assertFalse(sim.client.isVmidFree(9561));
    }

    private void template(int vmid, PveParams params) {
        assertTrue(sim.await(sim.client.createVm("pve1", vmid, params)).succeeded());
        sim.await(sim.client.convertToTemplate("pve1", vmid).orElseThrow());
    }

    private static void assertRefused(int status, String message, RawHttps.Response response) {
        assertEquals(status, response.status(), response.body());
        assertEquals(message + "\n", SharedSim.message(response));
    }
}
