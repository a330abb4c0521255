package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.Upid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume delete's task, as pve-storage forks it (PVE/API2/Storage/Content.pm delete): worker
 * type {@code imgdel}, id {@code OWNERVMID@STORAGE} for a volume a VM owns, else the storage
 * alone; the owner comes from the volume name, so a missing disk still names it.
 */
class SimVolumeDeleteTest {

    static final String NODE = "pve1";

    @TempDir
    Path dir;

    SimHarness sim = new SimHarness();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void anIsoDeleteIsTheStoragesTask() {
        sim.uploadInstaller(dir, "n.iso", "tok");

        Upid upid = delete("local", "local:iso/n.iso");

        assertEquals("imgdel", upid.type());
        assertEquals("local", upid.id());
        assertTrue(sim.await(upid).succeeded());
    }

    @Test
    void aDiskDeleteNamesItsOwner() {
        sim.await(sim.client.createVm(NODE, 9100, PveParams.of().put("scsi0", "local-lvm:4")));
        sim.client.setVmConfig(NODE, 9100, PveParams.of().put("delete", "scsi0"), Optional.empty());

        Upid upid = delete("local-lvm", "local-lvm:vm-9100-disk-0");

        assertEquals("9100@local-lvm", upid.id());
        assertTrue(sim.await(upid).succeeded());
    }

    @Test
    void aMissingDiskFailsInATaskThatStillNamesItsOwner() {
        Upid upid = delete("local-lvm", "local-lvm:vm-9999-disk-0");

        assertEquals("9999@local-lvm", upid.id());
        PveTaskFailedException failed = assertThrows(PveTaskFailedException.class,
                () -> new TaskWaiter(sim.client, sim.clock, sim.clock).await(upid, Duration.ofMinutes(1),
                        Duration.ofSeconds(1), ResourceRef.storage(NODE, "local-lvm")));
        assertTrue(failed.getMessage().contains("task imgdel 9999@local-lvm on node pve1"), failed.getMessage());
    }

    private Upid delete(String storage, String volid) {
        return sim.client.deleteVolume(NODE, storage, volid).orElseThrow();
    }
}
