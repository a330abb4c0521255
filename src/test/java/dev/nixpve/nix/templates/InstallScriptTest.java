package dev.nixpve.nix.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.monitor.InstallProgress.Phase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nixpve-install.sh, run against recording fakes: what it runs, in which order, and what it reports. */
class InstallScriptTest {

    private static final String SYSTEM = InstallerSandbox.SYSTEM;
    private static final List<String> ALL_PHASES = List.of("guard", "partition", "format", "install", "bootloader",
            "done");

    @TempDir
    Path dir;

    @Test
    void scsiBiosInstallRunsTheExactSequence() throws Exception {
        InstallerSandbox sandbox = InstallerSandbox.create(dir);

        InstallerSandbox.Run run = sandbox.run();

        String mnt = sandbox.mnt.toString();
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of(
                "blockdev --getsize64 /dev/sda",
                "wipefs --all /dev/sda",
                "parted -s /dev/sda -- mklabel gpt mkpart bios 1MiB 2MiB set 1 bios_grub on mkpart lvm 2MiB 100% set 2 lvm on",
                "udevadm settle",
                "pvcreate -ff -y /dev/sda2",
                "vgcreate nixpve /dev/sda2",
                "lvcreate --yes -L 4096M -n swap nixpve",
                "lvcreate --yes -l 100%FREE -n root nixpve",
                "vgchange -ay nixpve",
                "mkfs.ext4 -F -L nixos /dev/nixpve/root",
                "mkswap -L swap /dev/nixpve/swap",
                "mount /dev/nixpve/root " + mnt,
                "nix-store --query --requisites " + SYSTEM,
                "nixos-install --no-root-passwd --no-channel-copy --root " + mnt + " --system " + SYSTEM
                        + " --option substituters ''",
                "sync",
                "umount -R " + mnt,
                "vgchange -an nixpve",
                "sleep 30",
                "systemctl poweroff"), run.calls());
    }

    @Test
    void progressMovesThroughEveryPhaseAndEndsDone() throws Exception {
        InstallerSandbox.Run run = InstallerSandbox.create(dir).run();

        assertEquals(ALL_PHASES, run.phases());
        InstallProgress done = run.last();
        assertEquals(Phase.DONE, done.phase());
        assertEquals(100, done.percent());
        assertEquals(InstallProgress.FORMAT_VERSION, done.version());
        assertFalse(done.updatedAt().isBefore(done.startedAt()));
        assertTrue(done.log().size() <= 20 && done.log().contains("+ vgchange -an nixpve"), done.log().toString());
        List<Integer> percents = run.snapshots().stream().map(InstallProgress::percent).toList();
        assertEquals(percents.stream().sorted().toList(), percents, "percent never goes back");
        assertTrue(percents.containsAll(List.of(2, 10, 20, 30, 92)), percents.toString());
        assertTrue(run.console().contains("installed; powering off in 30s"), run.console());
    }

    @Test
    void virtioDiskUsesVdaPartitions() throws Exception {
        InstallerSandbox.Run run = InstallerSandbox.create(dir).disk("/dev/vda", "virtio").run();

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.calls().contains("parted -s /dev/vda -- mklabel gpt mkpart bios 1MiB 2MiB set 1 bios_grub on"
                + " mkpart lvm 2MiB 100% set 2 lvm on"), run.calls().toString());
        assertTrue(run.calls().contains("pvcreate -ff -y /dev/vda2"), run.calls().toString());
        assertTrue(run.calls().contains("vgcreate nixpve /dev/vda2"), run.calls().toString());
        assertTrue(run.calls().stream().noneMatch(c -> c.contains("/dev/sda")), run.calls().toString());
    }

    @Test
    void noSwapMeansNoSwapVolume() throws Exception {
        InstallerSandbox.Run run = InstallerSandbox.create(dir).swapMiB(0).run();

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.calls().stream().noneMatch(c -> c.startsWith("mkswap") || c.contains("-n swap")),
                run.calls().toString());
        assertTrue(run.calls().contains("lvcreate --yes -l 100%FREE -n root nixpve"), run.calls().toString());
    }

    @Test
    void uefiGetsAnEspAndSystemdBootsFallbackLoader() throws Exception {
        InstallerSandbox sandbox = InstallerSandbox.create(dir).firmware("uefi");

        InstallerSandbox.Run run = sandbox.run();

        String mnt = sandbox.mnt.toString();
        assertEquals(0, run.exitCode(), run.output());
        List<String> calls = run.calls();
        assertTrue(calls.contains("parted -s /dev/sda -- mklabel gpt mkpart ESP fat32 1MiB 513MiB set 1 esp on"
                + " mkpart lvm 513MiB 100% set 2 lvm on"), calls.toString());
        assertTrue(calls.contains("mkfs.fat -F 32 -n ESP /dev/sda1"), calls.toString());
        int root = calls.indexOf("mount /dev/nixpve/root " + mnt);
        int esp = calls.indexOf("mount /dev/sda1 " + mnt + "/boot");
        assertTrue(root >= 0 && esp > root, "the ESP is mounted on the mounted root: " + calls);
        assertEquals(ALL_PHASES, run.phases());
    }

    @Test
    void wrongSerialPowersOffWithoutTouchingAnyDisk() throws Exception {
        InstallerSandbox.Run run = InstallerSandbox.create(dir).serial("some-other-machine").run();

        assertEquals(1, run.exitCode());
        assertEquals(List.of("sleep 600", "systemctl poweroff"), run.calls());
        assertEquals(Phase.FAILED, run.last().phase());
        assertTrue(run.last().message().contains("SMBIOS serial does not match"), run.last().message());
        assertTrue(run.last().message().contains("nothing was touched"), run.last().message());
        assertTrue(run.console().contains("SMBIOS serial does not match"), run.console());
        assertFalse(run.output().contains(InstallerSandbox.TOKEN), "the token is not printed");
    }

    @Test
    void tooSmallDiskIsRefused() throws Exception {
        InstallerSandbox.Run run = InstallerSandbox.create(dir).diskSize(5L << 30).run();

        assertRefusedWithoutWriting(run, "fewer than the 10737418240 this image needs");
    }

    @Test
    void mountedDiskIsRefused() throws Exception {
        InstallerSandbox.Run run = InstallerSandbox.create(dir).mounted("/dev/sda1 /boot ext4 rw 0 0").run();

        assertRefusedWithoutWriting(run, "mounted or used as swap");
    }

    @Test
    void missingDiskIsRefused() throws Exception {
        InstallerSandbox.Run run = InstallerSandbox.create(dir).failing("blockdev").run();

        assertRefusedWithoutWriting(run, "cannot read the size of /dev/sda");
    }

    @Test
    void aFileIsNotABlockDevice() throws Exception {
        InstallerSandbox.Run run = InstallerSandbox.create(dir).strictBlockDevice()
                .disk(dir.resolve("not-a-disk").toString(), "scsi").run();

        assertRefusedWithoutWriting(run, "is missing or not a block device");
        assertFalse(run.calls().stream().anyMatch(c -> c.startsWith("blockdev")), run.calls().toString());
    }

    @Test
    void aFailingStepReportsTheCommandAndTheLogTail() throws Exception {
        InstallerSandbox.Run run = InstallerSandbox.create(dir).failing("mkfs.ext4").run();

        assertEquals(1, run.exitCode());
        InstallProgress failed = run.last();
        assertEquals(Phase.FAILED, failed.phase());
        assertEquals(20, failed.percent());
        assertEquals("format failed: 'mkfs.ext4 -F -L nixos /dev/nixpve/root' exited with status 1",
                failed.message());
        assertTrue(failed.log().contains("mkfs.ext4: simulated failure, \"quoted\" and a \\ backslash, "
                + "Ger\u00e4t \u201esda\u201c"), failed.log().toString());
        // The guest agent's file-read hands the bytes on as Latin-1 text: only ASCII arrives intact.
        byte[] written = Files.readAllBytes(dir.resolve("run/nixpve/install-progress.json"));
        for (byte b : written) {
            assertTrue(b >= 0, "the progress file must be ASCII (jq -a escapes the rest): "
                    + new String(written, StandardCharsets.UTF_8));
        }
        List<String> calls = run.calls();
        assertEquals(List.of("mkfs.ext4 -F -L nixos /dev/nixpve/root", "sleep 600", "systemctl poweroff"),
                calls.subList(calls.size() - 3, calls.size()));
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("nixos-install")), calls.toString());
    }

    @Test
    void aMissingBootLoaderFailsTheInstall() throws Exception {
        InstallerSandbox.Run run = InstallerSandbox.create(dir).bootloaderFile(null).run();

        assertEquals(1, run.exitCode());
        assertEquals(Phase.FAILED, run.last().phase());
        assertEquals(92, run.last().percent());
        assertTrue(run.last().message().startsWith("bootloader failed: nixos-install finished but "),
                run.last().message());
        assertTrue(run.last().message().endsWith("/boot/grub/grub.cfg is missing, so the disk would not boot"),
                run.last().message());
        assertFalse(run.calls().contains("umount -R " + dir.resolve("mnt")), run.calls().toString());
    }

    /** The guest agent's file-read hands the bytes on as Latin-1, so UTF-8 would arrive as mojibake. */
    @Test
    void theProgressFileIsAsciiEvenForANonAsciiMessage() throws Exception {
        String disk = "/dev/disk/by-id/scsi-0QEMU_HARDDISK_Caf\u00e9-\u2713";
        InstallerSandbox.Run run = InstallerSandbox.create(dir).disk(disk, "scsi").failing("mkfs.ext4").run();

        assertEquals(1, run.exitCode(), run.output());
        for (byte[] file : run.rawProgress()) {
            for (byte b : file) {
                assertTrue(b >= 0, "non-ASCII byte in the progress file: "
                        + new String(file, StandardCharsets.ISO_8859_1));
            }
        }
        assertTrue(run.snapshots().stream().anyMatch(p -> p.message().contains(disk)), "escaped, not lost");
        assertTrue(run.last().log().stream().anyMatch(l -> l.contains(disk)), run.last().log().toString());
    }

    private static void assertRefusedWithoutWriting(InstallerSandbox.Run run, String reason) {
        assertEquals(1, run.exitCode());
        assertEquals(Phase.FAILED, run.last().phase());
        assertTrue(run.last().message().startsWith("guard failed: "), run.last().message());
        assertTrue(run.last().message().contains(reason), run.last().message());
        assertTrue(run.last().message().endsWith("nothing was touched"), run.last().message());
        assertTrue(run.calls().stream().noneMatch(c -> c.matches(
                "(wipefs|parted|pvcreate|vgcreate|lvcreate|mkfs\\..*|mkswap|mount|nixos-install) .*")),
                run.calls().toString());
        assertEquals(List.of("sleep 600", "systemctl poweroff"),
                run.calls().subList(run.calls().size() - 2, run.calls().size()));
    }
}
