package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.model.TaskLogLine;
import dev.nixpve.proxmox.model.UploadRequest;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SharedStorageSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared storages as PVE shows them: defined once in storage.cfg with {@code shared}, seen from
 * every node they are available on with one content, listed disabled on a node their
 * {@code nodes} option leaves out (pve-storage Storage.pm storage_info, API2/Storage/Status.pm,
 * Config.pm; pve-manager PVE/API2/Cluster.pm resources).
 */
class SimSharedStorageTest {

    @TempDir
    Path dir;

    SimHarness sim = SharedSim.start(List.of("pve1", "pve2"),
            List.of("nfs:nfs:iso,images", "ceph:rbd:images", "san:lvm:images", "nfs-one:nfs:iso:pve1"), List.of());

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void storageCfgListsEachStorageOnceWithSharedWhereSetOrImpliedAndNodesWhereRestricted() {
        JsonNode all = SharedSim.data(SharedSim.get(sim, "/storage"));
        assertEquals(List.of("ceph", "local", "local-lvm", "nfs", "nfs-one", "san"), ids(all), "storage_ids order");
        JsonNode nfs = SharedSim.entry(all, "storage", "nfs");
        assertEquals(1, nfs.path("shared").asInt(), "NFS is always shared (Plugin.pm @SHARED_STORAGE)");
        assertEquals("/mnt/pve/nfs", nfs.path("path").asText());
        assertTrue(nfs.has("server") && nfs.has("export"), nfs.toString());
        assertEquals(1, SharedSim.entry(all, "storage", "san").path("shared").asInt(), "lvm with shared 1");
        assertFalse(SharedSim.entry(all, "storage", "local-lvm").has("shared"), "a local storage has no flag at all");
        assertEquals("pve1", SharedSim.entry(all, "storage", "nfs-one").path("nodes").asText());
        assertFalse(nfs.has("nodes"), "available on every node");

        assertEquals(List.of("ceph"), ids(SharedSim.data(SharedSim.get(sim, "/storage?type=rbd"))));
        JsonNode one = SharedSim.data(SharedSim.get(sim, "/storage/ceph"));
        assertEquals("rbd", one.path("type").asText());
        assertEquals("images", one.path("content").asText());
        RawHttps.Response missing = SharedSim.get(sim, "/storage/nope");
        assertEquals(500, missing.status());
        assertEquals("storage 'nope' does not exist\n", SharedSim.message(missing));
    }

    @Test
    void aNodeListsSharedStoragesWithTheFlagAndOnesItIsLeftOutOfAsDisabled() {
        JsonNode onPve2 = SharedSim.data(SharedSim.get(sim, "/nodes/pve2/storage"));
        JsonNode nfs = SharedSim.entry(onPve2, "storage", "nfs");
        assertEquals(1, nfs.path("shared").asInt());
        assertEquals(1, nfs.path("active").asInt());
        assertEquals(1, nfs.path("enabled").asInt());
        assertTrue(nfs.path("total").asLong() > 0 && nfs.has("used_fraction"), nfs.toString());
        assertEquals(0, SharedSim.entry(onPve2, "storage", "local").path("shared").asInt());

        JsonNode leftOut = SharedSim.entry(onPve2, "storage", "nfs-one");
        assertEquals(0, leftOut.path("enabled").asInt(), "storage_check_enabled fails on a node not in 'nodes'");
        assertEquals(0, leftOut.path("active").asInt());
        assertEquals(0, leftOut.path("total").asLong());
        assertFalse(leftOut.has("used_fraction"), leftOut.toString());
        assertNull(SharedSim.entry(SharedSim.data(SharedSim.get(sim, "/nodes/pve2/storage?content=iso")), "storage",
                "nfs-one"), "with a content filter storage_info skips storages not enabled here");
        JsonNode status = SharedSim.data(SharedSim.get(sim, "/nodes/pve2/storage/nfs-one/status"));
        assertEquals(0, status.path("enabled").asInt(), "read_status returns the disabled entry, no error");

        assertEquals(List.of("ceph", "nfs", "san"),
                ids(SharedSim.data(SharedSim.get(sim, "/nodes/pve1/storage?target=pve2"))),
                "target keeps shared storages available on both nodes");
        assertEquals(6, SharedSim.data(SharedSim.get(sim, "/nodes/pve1/storage?target=pve1")).size(),
                "a target that is this node is no target: everything is listed");
    }

    @Test
    void aStorageNobodyConfiguredIsAParameterErrorAsStatusPmRaisesIt() {
        for (String path : List.of("/nodes/pve1/storage/nope/status", "/nodes/pve1/storage?storage=nope")) {
            RawHttps.Response answer = SharedSim.get(sim, path);

            assertEquals(400, answer.status(), path + ": " + answer.body());
            assertTrue(answer.body().contains("\"storage\":\"No such storage.\""), path + ": " + answer.body());
        }
    }

    @Test
    void clusterResourcesHaveAnEntryPerNodeTheStorageIsAvailableOn() {
        JsonNode resources = SharedSim.data(SharedSim.get(sim, "/cluster/resources?type=storage"));
        List<String> ids = new ArrayList<>();
        resources.forEach(r -> ids.add(r.path("id").asText()));
        assertTrue(ids.containsAll(List.of("storage/pve1/nfs", "storage/pve2/nfs", "storage/pve1/nfs-one",
                "storage/pve1/local", "storage/pve2/local")), ids.toString());
        assertFalse(ids.contains("storage/pve2/nfs-one"), ids.toString());
        JsonNode nfs = SharedSim.entry(resources, "id", "storage/pve2/nfs");
        assertEquals(1, nfs.path("shared").asInt());
        assertEquals("nfs", nfs.path("plugintype").asText());
        assertEquals("available", nfs.path("status").asText());
        assertEquals(0, SharedSim.entry(resources, "id", "storage/pve2/local").path("shared").asInt());
    }

    @Test
    void anIsoUploadedThroughOneNodeAndADiskMadeOnAnotherAreTheSameVolumesEverywhere() throws Exception {
        Path iso = dir.resolve("shared.iso");
        StandInIso.write(iso, "token-1", "NIXPVE_INSTALLER");
        var upload = sim.await(sim.client.upload("pve2", "nfs", UploadRequest.iso(iso, "shared.iso",
                SimUploadTest.sha256(iso)), EventSink.discard()));
        assertTrue(upload.succeeded(), upload.toString());
        List<String> log = sim.client.taskLogTail(upload.upid(), 20).stream().map(TaskLogLine::text).toList();
        assertTrue(log.contains("target file: /mnt/pve/nfs/template/iso/shared.iso"), log.toString());
        assertEquals(List.of("nfs:iso/shared.iso"), volids("pve1", "nfs"), "one content, seen from pve1");

        sim.await(sim.client.createVm("pve1", 9400, PveParams.of().put("scsi0", "ceph:4")));
        assertEquals(List.of("ceph:vm-9400-disk-0"), volids("pve2", "ceph"));
        assertEquals(sim.client.storageStatus("pve1", "ceph").used(), sim.client.storageStatus("pve2", "ceph").used());
        assertTrue(volids("pve2", "local-lvm").isEmpty(), "local storages stay each node's own");
    }

    @Test
    void aStorageItsNodesOptionLeavesOutIsNotAvailableThere() {
        PveApiException create = assertThrows(PveApiException.class,
                () -> sim.client.createVm("pve2", 9401, PveParams.of().put("scsi0", "nfs-one:4")));
        assertEquals("storage 'nfs-one' is not available on node 'pve2'", create.pveMessage());
        PveApiException content = assertThrows(PveApiException.class,
                () -> sim.client.storageContent("pve2", "nfs-one", Optional.empty()));
        assertEquals("storage 'nfs-one' is not available on node 'pve2'", content.pveMessage());
    }

    @Test
    void specsAreRefusedAsThePluginsWould() {
        assertTrue(message("thin:lvmthin:images").contains("cannot be shared"));
        assertTrue(message("ceph:rbd:iso").contains("does not support content type 'iso'"));
        assertTrue(message("nfs:nfs").contains("ID:TYPE:CONTENT[:NODES]"));
        assertTrue(message("9bad:nfs:iso").contains("illegal characters"));
        assertTrue(message("zz:zfs:images").contains("not one of nfs, rbd, dir, lvm"));
        IllegalArgumentException unknownNode = assertThrows(IllegalArgumentException.class,
                () -> SimOptions.defaults().withSharedStorages(List.of(SharedStorageSpec.parse("nn:nfs:iso:pve9"))));
        assertTrue(unknownNode.getMessage().contains("names node 'pve9'"), unknownNode.getMessage());
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> SimOptions.defaults().withSharedStorages(List.of(SharedStorageSpec.parse("local:dir:iso"))));
        assertEquals("storage ID 'local' already defined", taken.getMessage());
    }

    private static String message(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> SharedStorageSpec.parse(spec)).getMessage();
    }

    private List<String> volids(String node, String storage) {
        return sim.client.storageContent(node, storage, Optional.empty()).stream().map(StorageVolume::volid).toList();
    }

    private static List<String> ids(JsonNode storages) {
        List<String> ids = new ArrayList<>();
        storages.forEach(s -> ids.add(s.path("storage").asText()));
        return ids;
    }
}
