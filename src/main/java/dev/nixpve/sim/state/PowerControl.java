package dev.nixpve.sim.state;

import java.time.Duration;
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


    private final SimCluster cluster;
    private final GuestBoot boot;

    public PowerControl(SimCluster cluster, GuestBoot boot) {
        this.cluster = cluster;
        this.boot = boot;
    }

    /**
     * The API forks at once after check_cfs_quorum: template, lock and "already running" are checked
     * in the worker (qemu-server PVE/QemuServer.pm vm_start), so they fail the task, not the call.
     */
    public SimTask start(String node, int vmid, String user) {
        cluster.requireQuorum();
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
            vm.poweredOn(boot.boot(vm, task), cluster.timeline().now());
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

}
