package dev.nixpve.pipeline.steps;

import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunLock;
import dev.nixpve.proxmox.model.Tags;
import dev.nixpve.config.ImageSettings.Firmware;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.proxmox.model.PveParams;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The installer VM's configuration. The SMBIOS serial carries the build token: the ISO's guard
 * installs only onto a machine whose serial matches, so booting the ISO elsewhere wipes nothing.
 * PVE requires a non-plain serial to be base64 with {@code base64=1}. PVE generates an SMBIOS uuid
 * only when {@code smbios1} is absent at create (qemu-server API2/Qemu.pm create_vm), so the VM
 * brings a uuid of its own; the template keeps it after the serial goes.
 */
public final class InstallerVmSpec {

    public static final String BUILDING_TAG = "building";

    private InstallerVmSpec() {
    }

    public static String vmName(NixpveConfig config, InstallerImage image) {
        return config.image().name() + "-build-" + image.buildToken().substring(0, 8);
    }

    /** What an installer VM is, for people and for recovery: nixpve's, building, which image, which run. */
    public static Tags tags(String imageName, RunId run) {
        return Tags.of(TemplateSpec.TAG, BUILDING_TAG, imageName, run.tag());
    }

    /** The create call's parameters; the description names the run's holder, for other machines' runs to see. */
    public static PveParams params(NixpveConfig config, NodeTarget target, InstallerImage image, String isoVolid,
                                   String created, RunLock.Holder holder) {
        String disk = config.vm().diskBus().pveDrive();
        PveParams params = PveParams.of()
                .put("name", vmName(config, image))
                .put("memory", config.vm().memory().mebibytes())
                .put("cores", config.vm().cores())
                .put("sockets", 1)
                .put("ostype", "l26")
                .put("scsihw", "virtio-scsi-single")
                .put(disk, target.diskStorage() + ":" + config.vm().diskSize().gibibytes()
                        + ",discard=on,iothread=1")
                .put("ide2", isoVolid + ",media=cdrom")
                .put("boot", "order=ide2;" + disk)
                .put("net0", "virtio,bridge=" + target.bridge())
                .put("agent", "enabled=1")
                .put("serial0", "socket")
                .put("smbios1", smbios1(image, created))
                .put("tags", tags(config.image().name(), holder.run()).param())
                .put("description", "nixpve installer VM for build " + image.buildId() + ", created " + created
                        + " by " + holder.describe() + ". nixpve removes it when the build ends; if it stays, the "
                        + "run was interrupted.");
        if (config.image().firmware() == Firmware.UEFI) {
            params.put("bios", "ovmf").put("machine", "q35")
                    .put("efidisk0", target.diskStorage() + ":1,efitype=4m,pre-enrolled-keys=0");
        }
        return params;
    }

    /** A uuid per build and creation time (one installer VM each), then the serial with the token. */
    static String smbios1(InstallerImage image, String created) {
        UUID uuid = UUID.nameUUIDFromBytes(("nixpve:" + image.buildId() + ":" + created)
                .getBytes(StandardCharsets.UTF_8));
        return "uuid=" + uuid + "," + smbiosSerial(image.buildToken());
    }

    public static String smbiosSerial(String token) {
        return "serial=" + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.US_ASCII)) + ",base64=1";
    }
}
