package dev.nixpve.sim.state;

import dev.nixpve.sim.guest.AgentlessGuest;
import dev.nixpve.sim.guest.Guest;
import dev.nixpve.sim.guest.GuestInterface;
import dev.nixpve.sim.guest.InstallerGuest;
import dev.nixpve.sim.guest.InstalledSystemGuest;
import dev.nixpve.sim.guest.IsoMarker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start, stop and shutdown tasks, and what boots when a VM starts: the firmware walks the boot
 * order; a disk with an installed system boots it, a nixpve installer ISO runs the install, any
 * other ISO a live system, and nothing bootable leaves the VM at the firmware's prompt.
 */
public final class PowerControl {

    private static final Pattern BOOT_ORDER = Pattern.compile("order=([^,]*)");
    private static final Pattern SERIAL = Pattern.compile("(?:^|,)serial=([^,]*)");
    private static final Pattern IP = Pattern.compile("(?:^|,)ip=([0-9.]+)/(\\d+)");

    private final SimCluster cluster;

    public PowerControl(SimCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The API forks at once: template, lock and "already running" are checked in the worker
     * (qemu-server PVE/QemuServer.pm vm_start), so they fail the task, not the call.
     */
    public SimTask start(String node, int vmid, String user) {
        SimVm vm = cluster.requireVm(node, vmid);
        return cluster.tasks().start(node, "qmstart", String.valueOf(vmid), user, Duration.ofSeconds(1), task -> {
            if (vm.template()) {
                throw new TaskFailure("you can't start a vm if it's a template");
            }
            requireUnlocked(vm);
            if (vm.running()) {
                throw new TaskFailure("VM " + vmid + " already running");
            }
            checkMedia(vm);
            vm.poweredOn(boot(vm, task), cluster.timeline().now());
        });
    }

    /** The lock is checked in the worker (PVE/QemuServer.pm vm_stop, _do_vm_stop). */
    public SimTask stop(String node, int vmid, boolean skiplock, String user) {
        SimVm vm = cluster.requireVm(node, vmid);
        return cluster.tasks().start(node, "qmstop", String.valueOf(vmid), user, Duration.ofSeconds(1), task -> {
            if (!skiplock) {
                requireUnlocked(vm);
            }
            vm.poweredOff();
        });
    }

    public SimTask shutdown(String node, int vmid, Duration timeout, boolean forceStop, String user) {
        SimVm vm = cluster.requireVm(node, vmid);
        boolean honoured = vm.guest().map(Guest::honoursShutdown).orElse(true);
        Duration time = honoured ? Duration.ofSeconds(3) : timeout;
        return cluster.tasks().start(node, "qmshutdown", String.valueOf(vmid), user, time, task -> {
            requireUnlocked(vm);
            if (!honoured && !forceStop && vm.running()) {
                throw new TaskFailure("VM quit/powerdown failed - got timeout");
            }
            vm.poweredOff();
        });
    }

    /** {@code check_lock} inside a worker: the task ends with the error as its exit status. */
    static void requireUnlocked(SimVm vm) {
        vm.lock().ifPresent(reason -> {
            throw new TaskFailure("VM is locked (" + reason + ")");
        });
    }

    private void checkMedia(SimVm vm) {
        for (Map.Entry<String, String> entry : vm.config().entrySet()) {
            if (Drive.isDriveKey(entry.getKey())) {
                Drive.parse(entry.getValue()).volume().ifPresent(ref -> {
                    if (cluster.volume(vm.node(), ref).isEmpty()) {
                        throw new TaskFailure("volume '" + ref.volid() + "' does not exist");
                    }
                });
            }
        }
        for (Map.Entry<String, String> entry : vm.config().entrySet()) {
            if (entry.getKey().matches("net\\d+")) {
                Matcher bridge = Pattern.compile("bridge=([^,]+)").matcher(entry.getValue());
                if (bridge.find() && !cluster.requireNode(vm.node()).bridges().contains(bridge.group(1))
                        && !cluster.vnets().containsKey(bridge.group(1))) {
                    throw new TaskFailure("bridge '" + bridge.group(1) + "' does not exist");
                }
            }
        }
    }

    private Guest boot(SimVm vm, SimTask task) {
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
        String address = ip.find() ? ip.group(1) : "192.168.77." + (20 + vm.vmid() % 200);
        int prefix = ip.find(0) ? Integer.parseInt(ip.group(2)) : 24;
        return new GuestInterface("ens18", mac.toLowerCase(java.util.Locale.ROOT), List.of(
                new GuestInterface.Address(address, "ipv4", prefix),
                new GuestInterface.Address("fe80::be24:11ff:fe00:" + Integer.toHexString(vm.vmid() % 0xffff),
                        "ipv6", 64)));
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
