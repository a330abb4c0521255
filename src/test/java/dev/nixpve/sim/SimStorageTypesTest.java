package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.model.TaskStatus;
import dev.nixpve.sim.state.SimStorage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Templates and linked clones per storage type, as pve-storage's plugins make them: plain LVM has
 * neither, LVM-thin names a clone's disk without its origin and lets the base go, a directory
 * storage names the backing file in the clone's volume id and keeps a base its clones use.
 */
class SimStorageTypesTest {

    static final String NODE = "pve1";

    SimHarness sim = new SimHarness();

    @BeforeEach
    void addStorages() {
        synchronized (sim.simulator.cluster()) {
            var node = sim.simulator.cluster().node(NODE).orElseThrow();
            node.addStorage(new SimStorage("vg-lvm", "lvm", Set.of("images", "rootdir"), 100L << 30));
            node.addStorage(new SimStorage("vm-dir", "dir", Set.of("images"), 100L << 30));
        }
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void plainLvmKeepsVmDiskNamesOnATemplateAndOnlyFullClonesIt() {
        template(9110, "vg-lvm");
        assertEquals("vg-lvm:vm-9110-disk-0,size=8G", sim.client.vmConfig(NODE, 9110).get("scsi0").orElseThrow(),
                "LVMPlugin has no 'template' feature: template_create leaves the disk alone");

        PveApiException refused = assertThrows(PveApiException.class,
                () -> sim.client.cloneVm(NODE, 9110, CloneRequest.linked(9210, "linked")));
        assertTrue(refused.getMessage().contains("Linked clone feature is not supported for 'vg-lvm:vm-9110-disk-0'"
                + " (scsi0)"), refused.getMessage());
        assertTrue(sim.client.resources(Optional.of("vm")).stream()
                .noneMatch(r -> r.vmid().filter(id -> id == 9210).isPresent()), "refused before anything is made");

        sim.await(sim.client.cloneVm(NODE, 9110, CloneRequest.full(9211, "full", "vg-lvm")));
        assertEquals("vg-lvm:vm-9211-disk-0,size=8G", sim.client.vmConfig(NODE, 9211).get("scsi0").orElseThrow());
    }

    @Test
    void lvmThinNamesALinkedCloneWithoutItsOriginAndLetsTheBaseGo() throws Exception {
        template(9120, "local-lvm");
        assertEquals("local-lvm:base-9120-disk-0,size=8G",
                sim.client.vmConfig(NODE, 9120).get("scsi0").orElseThrow());
        sim.await(sim.client.cloneVm(NODE, 9120, CloneRequest.linked(9220, "linked")));
        assertEquals("local-lvm:vm-9220-disk-0,size=8G", sim.client.vmConfig(NODE, 9220).get("scsi0").orElseThrow());
        JsonNode listed = content("local-lvm", "vm-9220-disk-0");
        assertFalse(listed.has("parent"), "LvmThinPlugin::list_images reports no parent: " + listed);

        TaskStatus destroyed = sim.await(sim.client.deleteVm(NODE, 9120, true, true));
        assertTrue(destroyed.succeeded(), destroyed.toString());
        assertEquals(0, destroyed.warnings(), "volume_is_base_and_used cannot see LVM-thin clones");
        List<String> left = volids("local-lvm");
        assertEquals(List.of("local-lvm:vm-9220-disk-0"), left, "the base is gone, the thin clone stays");
    }

    @Test
    void aDirectoryNamesTheBaseInTheCloneAndRefusesToDestroyABaseInUse() throws Exception {
        template(9130, "vm-dir");
        assertEquals("vm-dir:9130/base-9130-disk-0.raw,size=8G",
                sim.client.vmConfig(NODE, 9130).get("scsi0").orElseThrow());
        sim.await(sim.client.cloneVm(NODE, 9130, CloneRequest.linked(9230, "linked")));
        assertEquals("vm-dir:9130/base-9130-disk-0.raw/9230/vm-9230-disk-0.qcow2,size=8G",
                sim.client.vmConfig(NODE, 9230).get("scsi0").orElseThrow());
        JsonNode listed = content("vm-dir", "9130/base-9130-disk-0.raw/9230/vm-9230-disk-0.qcow2");
        assertEquals("../9130/base-9130-disk-0.raw", listed.path("parent").asText(), listed.toString());
        assertEquals("qcow2", listed.path("format").asText());

        var destroy = sim.client.deleteVm(NODE, 9130, true, true);
        PveTaskFailedException refused = assertThrows(PveTaskFailedException.class, () -> sim.await(destroy));
        assertTrue(refused.getMessage().endsWith("failed: base volume 'vm-dir:9130/base-9130-disk-0.raw' is still in "
                + "use by linked cloned"), refused.getMessage());
        assertTrue(sim.client.vmConfig(NODE, 9130).isTemplate(), "destroy_vm died before touching anything");
        assertTrue(sim.client.vmConfig(NODE, 9130).get("lock").isEmpty(), "and left no lock behind");

        sim.await(sim.client.deleteVm(NODE, 9230, true, true));
        assertTrue(sim.await(sim.client.deleteVm(NODE, 9130, true, true)).succeeded());
        assertEquals(List.of(), volids("vm-dir"));
    }

    private void template(int vmid, String storage) {
        sim.await(sim.client.createVm(NODE, vmid, PveParams.of().put("scsi0", storage + ":8")));
        sim.await(sim.client.convertToTemplate(NODE, vmid).orElseThrow());
    }

    private List<String> volids(String storage) {
        return sim.client.storageContent(NODE, storage, Optional.empty()).stream().map(StorageVolume::volid).toList();
    }

    /** Status.pm's index with format=1: each storage's formats as its plugin's plugindata has them; enabled=1 changes nothing here. */
    @Test
    void theStorageListWithFormatSaysWhatEachTypeAllows() throws Exception {
        JsonNode data = new ObjectMapper().readTree(sim.http.get("/api2/json/nodes/" + NODE
                + "/storage?format=1&enabled=1", sim.token()).body()).path("data");
        java.util.Map<String, String> supported = new java.util.TreeMap<>();
        for (JsonNode entry : data) {
            supported.put(entry.path("storage").asText(), entry.path("formats").path("supported").toString());
            assertEquals("raw", entry.path("formats").path("default").asText(), entry.toString());
            assertEquals("raw", entry.path("format").path(1).asText(), entry.toString());
        }
        assertEquals("[\"qcow2\",\"raw\"]", supported.get("vg-lvm"));
        assertEquals("[\"qcow2\",\"raw\",\"subvol\",\"vmdk\"]", supported.get("vm-dir"));
        assertEquals("[\"raw\"]", supported.get("local-lvm")); // lvmthin: no format in its plugindata
        JsonNode plain = new ObjectMapper().readTree(sim.http.get("/api2/json/nodes/" + NODE + "/storage",
                sim.token()).body()).path("data");
        plain.forEach(entry -> assertFalse(entry.has("formats"), entry.toString()));
    }

    private JsonNode content(String storage, String volname) throws Exception {
        JsonNode data = new ObjectMapper().readTree(sim.http.get("/api2/json/nodes/" + NODE + "/storage/" + storage
                + "/content", sim.token()).body()).path("data");
        for (JsonNode entry : data) {
            if (entry.path("volid").asText().equals(storage + ":" + volname)) {
                return entry;
            }
        }
        throw new AssertionError(storage + ":" + volname + " not listed in " + data);
    }
}
