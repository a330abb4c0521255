package dev.nixpve.sim.guest;

import dev.nixpve.sim.state.Drive;
import dev.nixpve.sim.state.Guest;
import dev.nixpve.sim.state.GuestBoot;
import dev.nixpve.sim.state.GuestInterface;
import dev.nixpve.sim.state.SimCluster;
import dev.nixpve.sim.state.SimLan;
import dev.nixpve.sim.state.SimTask;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.sim.state.StoredVolume;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a started VM boots, device by device in its boot order as SeaBIOS/OVMF try them: a nixpve
 * installer ISO (its marker names a build token), another ISO (a live system without an agent), a
 * disk a simulated install wrote, or nothing bootable.
 */
public final class BootDevices implements GuestBoot {

    private static final Pattern BOOT_ORDER = Pattern.compile("order=([^,]*)");
    private static final Pattern SERIAL = Pattern.compile("(?:^|,)serial=([^,]*)");
    private static final Pattern IP = Pattern.compile("(?:^|,)ip=([0-9.]+)/(\\d+)");

    private final SimCluster cluster;

    public BootDevices(SimCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Guest boot(SimVm vm, SimTask task) {
        for (String device : bootOrder(vm)) {
            Optional<Drive> drive = vm.get(device).map(Drive::parse);
            Optional<StoredVolume> volume = drive.flatMap(Drive::volume).flatMap(ref -> cluster.volume(vm.node(), ref));
            if (drive.isEmpty() || volume.isEmpty()) {
                continue;
            }
            if (drive.get().cdrom()) {
                task.log("booting from " + device + " (" + volume.get().volid() + ")");
                Optional<String> token = volume.get().file().flatMap(IsoMarker::buildToken);
                return token.<Guest>map(t -> installer(vm, t)).orElseGet(AgentlessGuest::liveSystem);
            }
            if (volume.get().installedBuild().isPresent()) {
                task.log("booting from " + device);
                return new InstalledSystemGuest(cluster.timeline(), volume.get().installedBuild().get(),
                        network(vm), cluster.faults().guestFaults().agentSilent());
            }
        }
        return AgentlessGuest.noBootableDevice();
    }

    private Guest installer(SimVm vm, String buildToken) {
        return new InstallerGuest(cluster.timeline(), buildToken, smbiosSerial(vm), targetDisk(vm),
                cluster.installTime(), cluster.faults().guestFaults(), vm::poweredOff);
    }

    /** The installer's target: the first disk on the SCSI bus (/dev/sda), else virtio (/dev/vda). */
    private Optional<InstallerGuest.TargetDisk> targetDisk(SimVm vm) {
        for (String bus : List.of("scsi", "virtio", "sata")) {
            for (int n = 0; n < 31; n++) {
                Optional<Drive> drive = vm.get(bus + n).map(Drive::parse).filter(d -> !d.cdrom());
                Optional<StoredVolume> volume = drive.flatMap(Drive::volume)
                        .flatMap(ref -> cluster.volume(vm.node(), ref));
                if (volume.isPresent()) {
                    return Optional.of(new InstallerGuest.TargetDisk(bus.equals("virtio") ? "/dev/vda" : "/dev/sda",
                            volume.get()));
                }
            }
        }
        return Optional.empty();
    }


    /** smbios1's serial, base64-decoded when {@code base64=1}, as the guest reads it from DMI. */
    static Optional<String> smbiosSerial(SimVm vm) {
        String smbios = vm.get("smbios1").orElse("");
        Matcher serial = SERIAL.matcher(smbios);
        if (!serial.find()) {
            return Optional.empty();
        }
        if (smbios.contains("base64=1")) {
            try {
                return Optional.of(new String(Base64.getDecoder().decode(serial.group(1)),
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.of(serial.group(1));
            }
        }
        return Optional.of(serial.group(1));
    }

    /** net0 with the address cloud-init configures: ipconfig0's static IP, else a DHCP-like lease. */

    private static GuestInterface network(SimVm vm) {
        String mac = vm.get("net0").map(n -> n.split(",")[0]).filter(m -> m.contains("="))
                .map(m -> m.substring(m.indexOf('=') + 1)).orElse("BC:24:11:00:00:00");
        Matcher ip = IP.matcher(vm.get("ipconfig0").orElse(""));
        String address = ip.find() ? ip.group(1) : SimLan.dhcpAddress(vm.vmid());
        int prefix = ip.find(0) ? Integer.parseInt(ip.group(2)) : 24;
        return new GuestInterface("ens18", mac.toLowerCase(java.util.Locale.ROOT), List.of(
                new GuestInterface.Address(address, "ipv4", prefix),
                new GuestInterface.Address(SimLan.linkLocal(mac), "ipv6", 64)));
    }

    private static List<String> bootOrder(SimVm vm) {
        Matcher order = BOOT_ORDER.matcher(vm.get("boot").orElse(""));
        if (order.find()) {
            return List.of(order.group(1).split(";"));
        }
        List<String> legacy = new ArrayList<>();
        vm.config().keySet().stream().filter(Drive::isDriveKey).filter(k -> !Drive.parse(vm.config().get(k)).cdrom())
                .sorted().forEach(legacy::add);
        vm.config().keySet().stream().filter(Drive::isDriveKey).filter(k -> Drive.parse(vm.config().get(k)).cdrom())
                .sorted().forEach(legacy::add);
        return legacy;
    }
}
