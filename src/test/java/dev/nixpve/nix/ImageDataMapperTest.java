package dev.nixpve.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.nixpve.config.ConfigLoader;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.sim.guest.InstallerGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDataMapperTest {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIECQFWyHjDDdvIQ0Mfd8DmyRxrF8tqkdgXB63TzjfzNo ops@laptop";

    @TempDir
    Path dir;

    @Test
    void mapsEveryImageSettingTheDiskTheNfsMountAndTheInstaller() throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), """
                image:
                  name: k8s-node
                  nixpkgs: nixos-25.05
                  hostname: node
                  timezone: Europe/Berlin
                  locale: de_DE.UTF-8
                  keymap: de-latin1
                  profile: kubernetes-node
                  packages: [htop, python3Packages.requests]
                  firmware: uefi
                  users:
                    - name: ops
                      sshKeys:
                        - %s
                nfs:
                  server: nas.lan
                  export: /volume1/k8s
                  options: [nfsvers=4.1, rsize=1048576]
                vm:
                  diskBus: virtio
                """.formatted(KEY));
        ImageData data = ImageDataMapper.map(load());

        assertEquals(new ImageData(1, "k8s-node", "nixos-25.05", "25.05", "node", "Europe/Berlin", "de_DE.UTF-8",
                "de-latin1", "kubernetes-node", List.of("htop", "python3Packages.requests"), 0, "uefi",
                new ImageData.Disk("virtio", "/dev/vda", 8L << 30),
                List.of(new ImageData.User("ops", List.of(KEY))),
                new ImageData.Nfs("nas.lan", "/volume1/k8s", "/mnt/nfs", List.of("nfsvers=4.1", "rsize=1048576")),
                new ImageData.Installer("/run/nixpve/install-progress.json", 10, 30,
                        List.of("guard", "partition", "format", "install", "bootloader", "done", "failed"))), data);
    }

    @Test
    void defaultsMapToScsiNoNfsAndNoUsers() throws Exception {
        ImageData data = ImageDataMapper.map(load());
        assertEquals(new ImageData.Disk("scsi", "/dev/sda", ImageDataMapper.MIN_DISK_BYTES), data.disk());
        assertNull(data.nfs());
        assertEquals(List.of(), data.users());
        assertEquals(4096, data.swapMiB());
        assertEquals("nixos-25.11", data.nixpkgsBranch());
    }

    @Test
    void theInstallerHoldsAreTheOnesTheSimulatorPlays() {
        ImageData.Installer installer = ImageDataMapper.installer();
        assertEquals(InstallerGuest.DONE_HOLD.toSeconds(), installer.doneHoldSeconds());
        assertEquals(InstallerGuest.FAILED_HOLD.toSeconds(), installer.failedHoldSeconds());
        assertEquals(InstallProgress.PATH, installer.progressPath());
    }

    @Test
    void theSimulatedInstallerRefusesTheDisksTheRealOneRefuses() {
        assertEquals(ImageDataMapper.MIN_DISK_BYTES, InstallerGuest.MIN_DISK_BYTES);
    }

    private NixpveConfig load() throws Exception {
        return new ConfigLoader(Map.of()).load(Optional.empty(), List.of(), dir);
    }
}
