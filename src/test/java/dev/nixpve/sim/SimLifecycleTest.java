package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.model.NetworkInterface;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.model.TaskStatus;
import dev.nixpve.proxmox.model.VmConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's whole path through the simulator, with the production client and a fake clock. */
class SimLifecycleTest {

    static final String NODE = "pve1";
    static final String TOKEN = "build-7f3a";

    @TempDir
    Path dir;

    SimHarness sim = new SimHarness();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void installerIsoInstallsThenTemplateClonesBootWithAnAddress() throws Exception {
        uploadInstaller("nixpve-installer.iso", TOKEN);
        createInstallerVm(9100, TOKEN);
        sim.await(sim.client.startVm(NODE, 9100));

        List<InstallProgress.Phase> seen = new ArrayList<>();
        while (sim.client.vmStatus(NODE, 9100).running()) {
            try {
                InstallProgress progress = InstallProgress.parse(
                        sim.client.agentFileRead(NODE, 9100, InstallProgress.PATH).content());
                if (seen.isEmpty() || seen.get(seen.size() - 1) != progress.phase()) {
                    seen.add(progress.phase());
                }
            } catch (PveApiException notYet) {
                // agent not up yet, or no progress file yet
            }
            sim.advance(Duration.ofSeconds(3));
        }
        assertEquals(List.of(InstallProgress.Phase.GUARD, InstallProgress.Phase.PARTITION,
                InstallProgress.Phase.FORMAT, InstallProgress.Phase.INSTALL, InstallProgress.Phase.BOOTLOADER,
                InstallProgress.Phase.DONE), seen);

        sim.client.setVmConfig(NODE, 9100, PveParams.of().put("delete", "ide2"), Optional.empty());
        sim.await(sim.client.convertToTemplate(NODE, 9100).orElseThrow());
        VmConfig template = sim.client.vmConfig(NODE, 9100);
        assertTrue(template.isTemplate());
        assertEquals("local-lvm:base-9100-disk-0,size=8G", template.get("scsi0").orElseThrow());

        sim.await(sim.client.cloneVm(NODE, 9100, CloneRequest.linked(9200, "smoke")));
        VmConfig clone = sim.client.vmConfig(NODE, 9200);
        assertEquals("local-lvm:vm-9200-disk-0,size=8G", clone.get("scsi0").orElseThrow(),
                "an LVM-thin snapshot's name says nothing of its origin");
        assertEquals("ip=dhcp", clone.get("ipconfig0").orElseThrow(), "cloud-init settings travel with the clone");
        assertFalse(clone.get("smbios1").equals(template.get("smbios1")), "a clone gets its own SMBIOS uuid");

        sim.await(sim.client.startVm(NODE, 9200));
        sim.advance(Duration.ofSeconds(15));
        sim.client.agentPing(NODE, 9200);
        List<NetworkInterface> nics = sim.client.agentNetworkInterfaces(NODE, 9200);
        assertEquals("192.168.77." + (20 + 9200 % 200), NetworkInterface.firstRoutableIpv4(nics).orElseThrow());

        sim.await(sim.client.stopVm(NODE, 9200));
        sim.await(sim.client.deleteVm(NODE, 9200, true, true));
        TaskStatus templateGone = sim.await(sim.client.deleteVm(NODE, 9100, true, true));
        assertEquals(0, templateGone.warnings());
        assertTrue(sim.client.storageContent(NODE, "local-lvm", Optional.empty()).isEmpty());
    }

    @Test
    void aTemplateCannotBeStartedAndOnLvmThinItsBaseGoesWhileLinkedClonesStay() throws Exception {
        sim.await(sim.client.createVm(NODE, 9101, PveParams.of().put("scsi0", "local-lvm:8")));
        sim.await(sim.client.convertToTemplate(NODE, 9101).orElseThrow());
        PveTaskFailedException refused = assertThrows(PveTaskFailedException.class,
                () -> sim.await(sim.client.startVm(NODE, 9101)));
        assertEquals("you can't start a vm if it's a template", refused.exitStatus(), "vm_start checks in the worker");

        sim.await(sim.client.cloneVm(NODE, 9101, CloneRequest.linked(9201, "child")));
        TaskStatus destroyed = sim.await(sim.client.deleteVm(NODE, 9101, true, true));
        assertEquals(0, destroyed.warnings(), "volume_is_base_and_used cannot see LVM-thin clones: no warning");
        List<StorageVolume> left = sim.client.storageContent(NODE, "local-lvm", Optional.empty());
        assertEquals(List.of("local-lvm:vm-9201-disk-0"), left.stream().map(StorageVolume::volid).toList(),
                "lvremove takes the base; the thin clone keeps its blocks");
    }

    @Test
    void anSmbiosUuidIsGeneratedOnlyWhenSmbios1IsAbsentAndAnEmptyUpdateDropsIt() throws Exception {
        sim.await(sim.client.createVm(NODE, 9104, PveParams.of().put("memory", 512)));
        sim.await(sim.client.createVm(NODE, 9105, PveParams.of().put("smbios1", smbiosSerial("x"))));

        assertTrue(sim.client.vmConfig(NODE, 9104).get("smbios1").orElseThrow().matches("uuid=[0-9a-f-]{36}"));
        assertEquals(Optional.of(smbiosSerial("x")), sim.client.vmConfig(NODE, 9105).get("smbios1"),
                "create_vm generates a uuid only when smbios1 is absent");
        sim.client.setVmConfig(NODE, 9104, PveParams.of().put("smbios1", ""), Optional.empty());
        assertFalse(sim.client.vmConfig(NODE, 9104).get("smbios1").orElse("").contains("uuid="),
                "PVE stores what is sent: an empty smbios1 has no uuid");
    }

    @Test
    void tagsAreStoredLowerCasedSortedAndDeduplicatedOnCreateAndUpdate() throws Exception {
        sim.await(sim.client.createVm(NODE, 9106, PveParams.of().put("tags", "Worker;nixpve,build-1 nixpve")));
        assertEquals(Optional.of("build-1;nixpve;worker"), sim.client.vmConfig(NODE, 9106).get("tags"));

        sim.client.setVmConfig(NODE, 9106, PveParams.of().put("tags", "zeta;Alpha;alpha"), Optional.empty());
        assertEquals(Optional.of("alpha;zeta"), sim.client.vmConfig(NODE, 9106).get("tags"));
    }

    @Test
    void theGuardRefusesToInstallWhenTheSerialIsNotTheBuildToken() throws Exception {
        uploadInstaller("installer.iso", TOKEN);
        createInstallerVm(9102, "some-other-token");
        sim.await(sim.client.startVm(NODE, 9102));
        sim.advance(Duration.ofSeconds(12));
        InstallProgress progress = InstallProgress.parse(sim.client.agentFileRead(NODE, 9102, InstallProgress.PATH)
                .content());
        assertEquals(InstallProgress.Phase.FAILED, progress.phase());
        assertTrue(progress.message().contains("SMBIOS serial"), progress.message());
        sim.advance(Duration.ofSeconds(35));
        assertTrue(sim.client.vmStatus(NODE, 9102).stopped(), "it says why, then powers off");
        synchronized (sim.simulator.cluster()) {
            assertTrue(sim.simulator.cluster().node(NODE).orElseThrow().storage("local-lvm").orElseThrow()
                    .volume("vm-9102-disk-0").orElseThrow().installedBuild().isEmpty(), "no disk was touched");
        }
    }

    @Test
    void detachingTheIsoMidInstallFailsTheInstallAndStoppingEarlyLeavesNoSystem() throws Exception {
        uploadInstaller("installer.iso", TOKEN);
        createInstallerVm(9103, TOKEN);
        sim.await(sim.client.startVm(NODE, 9103));
        sim.advance(Duration.ofSeconds(40));
        sim.client.setVmConfig(NODE, 9103, PveParams.of().put("ide2", "none,media=cdrom"), Optional.empty());
        InstallProgress progress = InstallProgress.parse(sim.client.agentFileRead(NODE, 9103, InstallProgress.PATH)
                .content());
        assertEquals(InstallProgress.Phase.FAILED, progress.phase());
        assertTrue(progress.message().contains("installation medium"), progress.message());
    }

    private void uploadInstaller(String name, String buildToken) {
        assertTrue(sim.uploadInstaller(dir, name, buildToken).succeeded());
    }

    @Test
    void aMissingIsoFailsTheCreateTaskNotTheCallAndLeavesNoVm() {
        // qemu-server create_vm checks only access and content type before forking; create_disks in
        // the worker activates the volume, and the directory plugin dies when the file is missing
        dev.nixpve.proxmox.model.Upid upid = sim.client.createVm(NODE, 9150, PveParams.of().put("memory", 512)
                .put("scsi0", "local-lvm:1").put("ide2", "local:iso/missing.iso,media=cdrom"));
        var failed = assertThrows(dev.nixpve.proxmox.model.PveTaskFailedException.class, () -> sim.await(upid));
        assertTrue(failed.getMessage().contains("unable to create VM 9150 - volume 'local:iso/missing.iso' "
                + "does not exist"), failed.getMessage());
        assertTrue(sim.client.isVmidFree(9150));
        assertTrue(sim.client.storageContent(NODE, "local-lvm", Optional.empty()).stream()
                .noneMatch(v -> v.volid().contains("9150")), "the disk made before the failure is freed");
    }

    private void createInstallerVm(int vmid, String serial) {
        sim.await(sim.client.createVm(NODE, vmid, PveParams.of().put("name", "nixos-template").put("memory", 2048)
                .put("cores", 2).put("scsihw", "virtio-scsi-single").put("scsi0", "local-lvm:8")
                .put("ide2", "local:iso/installer.iso,media=cdrom".replace("installer.iso",
                        vmid == 9100 ? "nixpve-installer.iso" : "installer.iso"))
                .put("net0", "virtio,bridge=vmbr0").put("agent", "enabled=1").put("boot", "order=scsi0;ide2")
                .put("smbios1", smbiosSerial(serial)).put("serial0", "socket").put("ipconfig0", "ip=dhcp")
                .put("tags", "nixpve;template")));
    }

    /** PVE's smbios1 takes base64 strings (its schema's pattern); the guest reads the decoded serial from DMI. */
    static String smbiosSerial(String serial) {
        return "serial=" + java.util.Base64.getEncoder().encodeToString(serial.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + ",base64=1";
    }
}
