package dev.nixpve.sim.api;

import dev.nixpve.sim.state.Drive;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.sim.state.StatusSamples;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** VMs as PVE's JSON shows them: config (typed as PVE types it), status/current, cluster resources. */
final class VmViews {

    /** Config keys of type integer or boolean, which GET config returns as JSON numbers. */
    private static final Set<String> NUMERIC = Set.of("acpi", "autostart", "balloon", "cores", "cpuunits", "freeze",
            "keephugepages", "kvm", "localtime", "numa", "onboot", "protection", "reboot", "shares", "sockets",
            "tablet", "template", "vcpus", "start", "ciupgrade");
    private static final Pattern MEMORY = Pattern.compile("(?:current=)?(\\d+)");
    private static final Pattern SIZE = Pattern.compile("size=(\\d+)([KMGT]?)");

    private VmViews() {
    }

    static Map<String, Object> config(SimVm vm) {
        Map<String, Object> result = new LinkedHashMap<>();
        vm.config().forEach((key, value) -> result.put(key, NUMERIC.contains(key) && value.matches("-?\\d+")
                ? (Object) Long.parseLong(value) : value));
        result.put("digest", vm.digest());
        return result;
    }

    static Map<String, Object> current(SimVm vm, long uptime) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("vmid", vm.vmid());
        result.put("name", vm.name());
        result.put("status", vm.running() ? "running" : "stopped");
        result.put("qmpstatus", vm.running() ? "running" : "stopped");
        result.put("cpus", cpus(vm));
        result.put("maxmem", memoryBytes(vm));
        result.put("mem", vm.running() ? memoryBytes(vm) / 3 : 0);
        result.put("maxdisk", diskBytes(vm));
        result.put("disk", 0);
        result.put("uptime", uptime);
        result.put("cpu", vm.running() ? 0.0213 : 0);
        result.put("netin", 0);
        result.put("netout", 0);
        result.put("diskread", 0);
        result.put("diskwrite", 0);
        result.put("ha", Map.of("managed", 0));
        if (vm.running()) {
            result.put("pid", 10_000 + vm.vmid() % 50_000);
            result.put("running-qemu", "9.2.0");
            result.put("running-machine", "pc-i440fx-9.2+pve1");
        }
        vm.lock().ifPresent(lock -> result.put("lock", lock));
        vm.get("tags").ifPresent(tags -> result.put("tags", tags));
        if (vm.template()) {
            result.put("template", 1);
        }
        if (vm.agent().enabled()) {
            result.put("agent", 1);
        }
        if (vm.config().keySet().stream().anyMatch(k -> k.matches("serial\\d"))) {
            result.put("serial", 1);
        }
        return result;
    }

    /**
     * A guest in {@code /cluster/resources}: the list, lock and tags are live (the cluster's VM
     * list and config properties), the rest is pvestatd's last sample, or just status unknown
     * (pve-manager PVE/API2/Cluster.pm resources, PVE/API2Tools.pm extract_vm_stats).
     */
    static Map<String, Object> resource(SimVm vm, Optional<StatusSamples.Sample> sample) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", "qemu/" + vm.vmid());
        result.put("type", "qemu");
        result.put("vmid", vm.vmid());
        result.put("node", vm.node());
        result.put("status", "unknown");
        sample.ifPresent(s -> {
            SimVm then = s.frozen();
            result.put("name", then.name());
            result.put("status", s.running() ? "running" : "stopped");
            result.put("template", then.template() ? 1 : 0);
            result.put("maxcpu", cpus(then));
            result.put("maxmem", memoryBytes(then));
            result.put("mem", s.running() ? memoryBytes(then) / 3 : 0);
            result.put("maxdisk", diskBytes(then));
            result.put("disk", 0);
            result.put("cpu", s.running() ? 0.0213 : 0);
            result.put("uptime", s.uptime());
            result.put("netin", 0);
            result.put("netout", 0);
            result.put("diskread", 0);
            result.put("diskwrite", 0);
        });
        vm.get("tags").ifPresent(tags -> result.put("tags", tags));
        vm.lock().ifPresent(lock -> result.put("lock", lock));
        return result;
    }

    static Map<String, Object> listed(SimVm vm, long uptime) {
        Map<String, Object> result = new LinkedHashMap<>(current(vm, uptime));
        result.remove("ha");
        return result;
    }

    private static int cpus(SimVm vm) {
        return Integer.parseInt(vm.get("cores").orElse("1")) * Integer.parseInt(vm.get("sockets").orElse("1"));
    }

    private static long memoryBytes(SimVm vm) {
        Matcher memory = MEMORY.matcher(vm.get("memory").orElse("512"));
        return (memory.find() ? Long.parseLong(memory.group(1)) : 512) << 20;
    }

    /** The size of the first disk (what PVE shows as maxdisk). */
    private static long diskBytes(SimVm vm) {
        return vm.config().entrySet().stream().filter(e -> Drive.isDriveKey(e.getKey()))
                .filter(e -> !Drive.parse(e.getValue()).cdrom()).map(e -> SIZE.matcher(e.getValue()))
                .filter(Matcher::find).findFirst().map(m -> Long.parseLong(m.group(1)) << switch (m.group(2)) {
                    case "K" -> 10;
                    case "M" -> 20;
                    case "G" -> 30;
                    case "T" -> 40;
                    default -> 0;
                }).orElse(0L);
    }
}
