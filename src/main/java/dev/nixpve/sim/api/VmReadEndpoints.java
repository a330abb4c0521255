package dev.nixpve.sim.api;

import dev.nixpve.sim.state.Drive;
import dev.nixpve.sim.state.SimNode;
import dev.nixpve.sim.state.SimStorage;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.sim.state.StoredVolume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a read-only client asks of a VM besides config and status (qemu-server API2/Qemu.pm):
 * its statistics (rrd, rrddata), its cloud-init settings and generated files, whether a feature
 * is available (vm_feature) and what a migration would have to move (migrate_vm_precondition).
 */
final class VmReadEndpoints {

    private static final String VM = "/nodes/{node}/qemu/{vmid}";
    private static final List<String> CLOUDINIT_KEYS = List.of("cicustom", "cipassword", "citype", "ciupgrade",
            "ciuser", "nameserver", "searchdomain", "sshkeys");

    private final ApiContext context;

    VmReadEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", VM + "/rrd", call -> RrdSeries.graph(context.version(), "vm",
                String.valueOf(vm(call).vmid()), call.required("ds"))));
        routes.add(new Route("GET", VM + "/rrddata", this::rrddata));
        routes.add(new Route("GET", VM + "/cloudinit", this::cloudinit));
        routes.add(new Route("GET", VM + "/cloudinit/dump", call -> CloudInitDump.dump(vm(call), call.required("type"))));
        routes.add(new Route("GET", VM + "/feature", this::feature));
        routes.add(new Route("GET", VM + "/migrate", this::migrate));
    }

    private List<Map<String, Object>> rrddata(Call call) {
        SimVm vm = vm(call);
        boolean running = vm.running();
        long maxmem = vm.get("memory").map(m -> m.replaceAll("\\D", "")).filter(m -> !m.isEmpty())
                .map(Long::parseLong).orElse(2048L) << 20;
        int cpus = vm.get("cores").map(Integer::parseInt).orElse(1);
        return RrdSeries.rows(context.version(), call.required("timeframe"), context.now(), time -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("maxcpu", cpus);
            row.put("maxmem", maxmem);
            row.put("cpu", running ? 0.02 + (time / 60 % 7) / 100.0 : 0);
            row.put("mem", running ? maxmem / 3 : 0);
            row.put("netin", running ? 1200 + time % 500 : 0);
            row.put("netout", running ? 800 + time % 300 : 0);
            row.put("diskread", running ? 4096 * (time % 11) : 0);
            row.put("diskwrite", running ? 8192 * (time % 13) : 0);
            return row;
        });
    }

    /** cloudinit_pending_properties: the cloud-init options the config sets, the password masked. */
    private List<Map<String, Object>> cloudinit(Call call) {
        SimVm vm = vm(call);
        List<Map<String, Object>> result = new ArrayList<>();
        vm.config().keySet().stream().filter(key -> CLOUDINIT_KEYS.contains(key) || key.matches("ipconfig\\d+"))
                .sorted().forEach(key -> result.add(Map.of("key", key,
                        "value", key.equals("cipassword") ? "**********" : vm.config().get(key))));
        return result;
    }

    /**
     * vm_feature: {@code copy} (a full clone) always; {@code clone} (linked) only from a template whose
     * disks are on storages with base volumes; {@code snapshot} when every disk can take one.
     */
    private Map<String, Object> feature(Call call) {
        SimVm vm = vm(call);
        String feature = call.required("feature");
        boolean has = switch (feature) {
            case "copy" -> true;
            case "clone" -> vm.template() && disks(vm).stream().noneMatch(s -> s.type().equals("lvm"));
            default -> disks(vm).stream().allMatch(s -> s.type().equals("lvmthin") || s.type().equals("rbd"));
        };
        return Map.of("hasFeature", has ? 1 : 0, "nodes", List.of(vm.node()));
    }

    /** migrate_vm_precondition: the other online nodes, the disks on this node's own storages. */
    private Map<String, Object> migrate(Call call) {
        SimVm vm = vm(call);
        List<Map<String, Object>> localDisks = new ArrayList<>();
        vm.config().forEach((key, value) -> {
            if (!Drive.isDriveKey(key)) {
                return;
            }
            Drive drive = Drive.parse(value);
            Optional<StoredVolume> volume = drive.volume().flatMap(ref -> context.cluster().volume(vm.node(), ref));
            Optional<SimStorage> storage = drive.volume().flatMap(ref -> context.cluster().node(vm.node())
                    .flatMap(n -> n.storage(ref.storage())));
            if (volume.isPresent() && storage.isPresent() && !storage.get().shared()) {
                Map<String, Object> disk = new LinkedHashMap<>();
                disk.put("volid", volume.get().volid());
                disk.put("size", volume.get().size());
                disk.put("drivename", key);
                disk.put("cdrom", drive.cdrom() ? 1 : 0);
                disk.put("is_unused", key.startsWith("unused") ? 1 : 0);
                localDisks.add(disk);
            }
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("running", vm.running() ? 1 : 0);
        result.put("allowed_nodes", context.cluster().nodes().stream().filter(SimNode::online).map(SimNode::name)
                .filter(name -> !name.equals(vm.node())).toList());
        result.put("not_allowed_nodes", Map.of());
        result.put("local_disks", localDisks);
        result.put("local_resources", List.of());
        result.put("mapped-resources", List.of());
        result.put("mapped-resource-info", Map.of());
        result.put("has-dbus-vmstate", 0);
        return result;
    }

    private List<SimStorage> disks(SimVm vm) {
        List<SimStorage> storages = new ArrayList<>();
        vm.config().forEach((key, value) -> {
            if (Drive.isDriveKey(key) && !Drive.parse(value).cdrom()) {
                Drive.parse(value).volume().flatMap(ref -> context.cluster().node(vm.node())
                        .flatMap(n -> n.storage(ref.storage()))).ifPresent(storages::add);
            }
        });
        return storages;
    }

    private SimVm vm(Call call) {
        return context.cluster().requireVm(call.node(), call.vmid());
    }
}
