package dev.nixpve.nix.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * modules/disk-grow.sh on a template's LVM-on-partition disk, with fakes that answer as the real
 * tools do (lsblk prints a line per holder unless told --nodeps; growpart exits 1 with NOCHANGE).
 */
class DiskGrowScriptTest {

    private static final long TEN_GIB_MIB = 10 * 1024;

    @TempDir
    Path dir;

    @Test
    void nothingToGrowSucceedsAndChangesNothing() throws Exception {
        DiskGrowSandbox.Run run = DiskGrowSandbox.installedOn(dir, 20).run();

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(run.before(), run.after(), run.output());
        assertTrue(run.calls().contains("growpart /dev/sda 2"), run.calls().toString());
        assertTrue(run.output().contains("NOCHANGE: partition 2"), run.output());
        assertFalse(run.calls().stream().anyMatch(c -> c.startsWith("lvextend")),
                "lvextend with no free extents fails, so it is not called: " + run.calls());
    }

    @Test
    void aDiskGrownByTenGibGrowsPartitionPvRootAndFileSystemByTenGib() throws Exception {
        DiskGrowSandbox.Run run = DiskGrowSandbox.installedOn(dir, 20).diskResizedTo(30).run();

        assertEquals(0, run.exitCode(), run.output());
        DiskGrowSandbox.Disk before = run.before();
        DiskGrowSandbox.Disk after = run.after();
        assertEquals(before.partEndMiB() + TEN_GIB_MIB, after.partEndMiB(), run.output());
        assertEquals(before.pvExtents() + TEN_GIB_MIB / DiskGrowSandbox.EXTENT_MIB, after.pvExtents());
        assertEquals(before.rootMiB() + TEN_GIB_MIB, after.rootMiB());
        assertEquals(after.rootMiB(), after.fsMiB(), "ext4 fills the root LV");
        assertEquals(0, after.freeExtents(), "nothing is left in the volume group");
        assertEquals(java.util.List.of("pvs --noheadings -o pv_name --select vg_name=nixpve",
                "lsblk --nodeps --noheadings --output PKNAME /dev/sda2", "growpart /dev/sda 2",
                "pvresize /dev/sda2", "vgs --noheadings -o vg_free_count nixpve", "lvextend -l +100%FREE nixpve/root",
                "resize2fs /dev/nixpve/root"), run.calls());
    }

    @Test
    void theNextBootAfterAGrowFindsNothingToGrow() throws Exception {
        DiskGrowSandbox grown = DiskGrowSandbox.installedOn(dir, 20).diskResizedTo(30);
        DiskGrowSandbox.Run first = grown.run();
        assertEquals(0, first.exitCode(), first.output());

        DiskGrowSandbox.Run second = DiskGrowSandbox.installedOn(dir.resolve("again"), 30).run();

        assertEquals(0, second.exitCode(), second.output());
        assertEquals(second.before(), second.after());
        assertEquals(first.after().rootMiB(), second.after().rootMiB(), "the same layout as a grown clone");
    }

    @Test
    void aGrowInterruptedBeforeResize2fsIsFinished() throws Exception {
        DiskGrowSandbox.Run run = DiskGrowSandbox.installedOn(dir, 20).fileSystemShorterBy(TEN_GIB_MIB).run();

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(run.after().rootMiB(), run.after().fsMiB());
        assertEquals(run.before().rootExtents(), run.after().rootExtents());
    }
}
