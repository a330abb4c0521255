package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.SimTask;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.sim.state.VmLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** VM list, create, config, power, template, clone and destroy. */
final class QemuEndpoints {

    private static final String VM = "/nodes/{node}/qemu/{vmid}";
    private static final Set<String> CONFIG_CONTROL = Set.of("node", "vmid", "digest", "delete", "revert", "skiplock",
            "force", "background_delay");

    private final ApiContext context;

    QemuEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/nodes/{node}/qemu", this::list));
        routes.add(new Route("POST", "/nodes/{node}/qemu", this::create));
        routes.add(new Route("GET", VM + "/config", call -> VmViews.config(vm(call))));
        routes.add(new Route("POST", VM + "/config", call -> updateConfig(call, true)));
        routes.add(new Route("PUT", VM + "/config", call -> updateConfig(call, false)));
        routes.add(new Route("GET", VM + "/pending", this::pending));
        routes.add(new Route("GET", VM + "/status/current", call -> VmViews.current(vm(call), uptime(vm(call)))));
        routes.add(new Route("POST", VM + "/status/start", call -> context.power().start(call.node(), call.vmid(),
                owner(call)).upid()));
        routes.add(new Route("POST", VM + "/status/stop", call -> context.power().stop(call.node(), call.vmid(),
                call.flag("skiplock", false), owner(call)).upid()));
        routes.add(new Route("POST", VM + "/status/shutdown", call -> context.power().shutdown(call.node(),
                call.vmid(), call.seconds("timeout", Duration.ofMinutes(3)), call.flag("forceStop", false),
                owner(call)).upid()));
        routes.add(new Route("POST", VM + "/template", call -> context.lifecycle().template(call.node(), call.vmid(),
                owner(call)).upid()));
        routes.add(new Route("POST", VM + "/clone", this::cloneVm));
        routes.add(new Route("DELETE", VM, call -> context.lifecycle().destroy(call.node(), call.vmid(),
                call.flag("destroy-unreferenced-disks", false), call.flag("skiplock", false), owner(call)).upid()));
    }

    private List<Map<String, Object>> list(Call call) {
        context.cluster().requireNode(call.node());
        List<Map<String, Object>> result = new ArrayList<>();
        for (SimVm vm : context.cluster().vms()) {
            if (vm.node().equals(call.node()) && call.principal().grants().has("/vms/" + vm.vmid(), "VM.Audit")) {
                result.add(VmViews.listed(vm, uptime(vm)));
            }
        }
        return result;
    }

    /** Besides the schema's check, qemu-server checks in code: see {@link QemuPermissions}. */
    private String create(Call call) {
        int vmid = Integer.parseInt(call.required("vmid"));
        new QemuPermissions(call.principal(), context.cluster().vnets(), vmid).create(call.params());
        return context.lifecycle().create(call.node(), vmid, call.params(), owner(call)).upid();
    }

    private String updateConfig(Call call, boolean async) {
        Map<String, String> set = new LinkedHashMap<>();
        call.params().forEach((key, value) -> {
            if (!CONFIG_CONTROL.contains(key)) {
                set.put(key, value);
            }
        });
        List<String> delete = call.list("delete");
        QemuPermissions permissions = new QemuPermissions(call.principal(), context.cluster().vnets(), call.vmid());
        permissions.update(set, delete);
        Optional<SimTask> task = context.lifecycle().updateConfig(call.node(), call.vmid(), set, delete,
                call.param("digest"), call.flag("skiplock", false), async, owner(call),
                current -> permissions.updateAgainst(current, set, delete));
        return task.map(SimTask::upid).orElse(null);
    }

    private List<Map<String, Object>> pending(Call call) {
        List<Map<String, Object>> result = new ArrayList<>();
        vm(call).config().forEach((key, value) -> result.add(Map.of("key", key, "value", value)));
        return result;
    }

    private String cloneVm(Call call) {
        int newid = Integer.parseInt(call.required("newid"));
        VmLifecycle.CloneSpec spec = new VmLifecycle.CloneSpec(newid, call.param("name"), call.param("description"),
                call.param("full").map(v -> v.equals("1") || v.equalsIgnoreCase("true")), call.param("storage"),
                call.param("target"));
        call.param("storage").ifPresent(s -> require(call.principal().grants(), "/storage/" + s,
                "Datastore.AllocateSpace"));
        return context.lifecycle().clone(call.node(), call.vmid(), spec, owner(call)).upid();
    }

    private SimVm vm(Call call) {
        return context.cluster().requireVm(call.node(), call.vmid());
    }

    private long uptime(SimVm vm) {
        return vm.startedAt().map(at -> Duration.between(at, context.now()).toSeconds()).orElse(0L);
    }

    private static String owner(Call call) {
        return call.principal().taskOwner();
    }

    private static void require(Grants grants, String path, String privilege) {
        if (!grants.has(path, privilege)) {
            throw PveError.permission(path, privilege);
        }
    }
}
