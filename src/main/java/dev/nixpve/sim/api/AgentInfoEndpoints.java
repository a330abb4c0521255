package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.SimVm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The guest agent's read-only queries (qemu-server API2/Qemu/Agent.pm: each GET runs the
 * {@code guest-*} QGA command of its name and wraps its answer in {@code result}), answered as a
 * NixOS guest's qemu-ga answers them: its host name, one ext4 root file system, UTC, no one logged
 * in, a vCPU per configured core. No command was ever started through {@code exec}.
 */
final class AgentInfoEndpoints {

    private static final String AGENT = "/nodes/{node}/qemu/{vmid}/agent/";
    private static final List<String> COMMANDS = List.of("guest-exec", "guest-exec-status", "guest-file-close",
            "guest-file-open", "guest-file-read", "guest-file-write", "guest-fsfreeze-freeze", "guest-fsfreeze-status",
            "guest-fsfreeze-thaw", "guest-fstrim", "guest-get-fsinfo", "guest-get-host-name", "guest-get-osinfo",
            "guest-get-time", "guest-get-timezone", "guest-get-users", "guest-get-vcpus", "guest-info",
            "guest-network-get-interfaces", "guest-ping", "guest-set-user-password", "guest-shutdown",
            "guest-suspend-disk", "guest-suspend-ram");

    private final ApiContext context;

    AgentInfoEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        answer(routes, "get-host-name", (call, vm) -> Map.of("host-name", vm.get("name").orElse("nixos")));
        answer(routes, "get-fsinfo", (call, vm) -> List.of(Map.of("name", "sda2", "mountpoint", "/",
                "type", "ext4", "total-bytes", 8_000_000_000L, "used-bytes", 2_400_000_000L,
                "disk", List.of(Map.of("bus-type", "scsi", "bus", 0, "target", 0, "unit", 0, "dev", "/dev/sda2",
                        "pci-controller", Map.of("domain", 0, "bus", 0, "slot", 5, "function", 0))))));
        answer(routes, "get-time", (call, vm) -> context.now().getEpochSecond() * 1_000_000_000L
                + context.now().getNano());
        answer(routes, "get-timezone", (call, vm) -> Map.of("zone", "UTC", "offset", 0));
        answer(routes, "get-users", (call, vm) -> List.of());
        answer(routes, "get-vcpus", (call, vm) -> vcpus(vm));
        answer(routes, "get-memory-block-info", (call, vm) -> Map.of("size", 134_217_728));
        answer(routes, "get-memory-blocks", (call, vm) -> List.of(Map.of("phys-index", 0, "online", true,
                "can-offline", false)));
        answer(routes, "info", (call, vm) -> Map.of("version", "9.2.0", "supported_commands", COMMANDS.stream()
                .map(name -> Map.of("name", name, "enabled", true, "success-response", !name.equals("guest-shutdown")))
                .toList()));
        routes.add(new Route("GET", AGENT + "exec-status", call -> {
            AgentEndpoints.guest(context, call);
            throw PveError.server("Agent error: Invalid parameter 'pid'\n");
        }));
    }

    private interface Answer {
        Object of(Call call, SimVm vm);
    }

    private void answer(List<Route> routes, String command, Answer answer) {
        routes.add(new Route("GET", AGENT + command, call -> {
            AgentEndpoints.guest(context, call);
            return Map.of("result", answer.of(call, context.cluster().requireVm(call.node(), call.vmid())));
        }));
    }

    private static List<Map<String, Object>> vcpus(SimVm vm) {
        int cores = vm.get("cores").map(Integer::parseInt).orElse(1) * vm.get("sockets").map(Integer::parseInt).orElse(1);
        List<Map<String, Object>> vcpus = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            vcpus.add(Map.of("logical-id", i, "online", true, "can-offline", i > 0));
        }
        return vcpus;
    }
}
