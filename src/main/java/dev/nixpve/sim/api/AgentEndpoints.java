package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.Guest;
import dev.nixpve.sim.state.GuestInterface;
import dev.nixpve.sim.state.SimVm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest agent calls, with PVE's three failures told apart: no agent line in the config, VM
 * not running, agent not answering (disabled, or PVE's ping timed out after 3 s): qemu-server
 * QemuServer/Agent.pm agent_available (8.4) / assert_agent_available (9.x).
 */
final class AgentEndpoints {

    private static final String AGENT = "/nodes/{node}/qemu/{vmid}/agent";

    private final ApiContext context;

    AgentEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("POST", AGENT + "/ping", call -> ping(guest(call))));
        routes.add(new Route("GET", AGENT + "/network-get-interfaces", call -> interfaces(guest(call))));
        routes.add(new Route("GET", AGENT + "/get-osinfo", call -> osinfo(guest(call))));
        routes.add(new Route("GET", AGENT + "/file-read", this::fileRead));
        routes.add(new Route("POST", AGENT, this::command));
    }

    private Object command(Call call) {
        Guest guest = guest(call);
        return switch (call.required("command")) {
            case "ping" -> ping(guest);
            case "network-get-interfaces" -> interfaces(guest);
            case "get-osinfo" -> osinfo(guest);
            default -> throw PveError.server("Agent error: The command '" + call.required("command")
                    + "' has been disabled or is not supported by this simulator\n");
        };
    }

    private static Map<String, Object> ping(Guest guest) {
        return Map.of("result", Map.of());
    }

    private static Map<String, Object> osinfo(Guest guest) {
        return Map.of("result", Map.of("id", "nixos", "name", "NixOS", "pretty-name", "NixOS 25.05 (Warbler)",
                "kernel-release", "6.12.41", "machine", "x86_64"));
    }

    private static Map<String, Object> interfaces(Guest guest) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (GuestInterface nic : guest.interfaces()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", nic.name());
            entry.put("hardware-address", nic.hardwareAddress());
            entry.put("ip-addresses", nic.addresses().stream().map(a -> Map.of("ip-address", a.ip(),
                    "ip-address-type", a.type(), "prefix", a.prefix())).toList());
            entry.put("statistics", Map.of("rx-bytes", 18_342, "rx-packets", 121, "rx-errs", 0, "rx-dropped", 0,
                    "tx-bytes", 9_876, "tx-packets", 88, "tx-errs", 0, "tx-dropped", 0));
            result.add(entry);
        }
        return Map.of("result", result);
    }

    private Object fileRead(Call call) {
        String file = call.required("file");
        Guest guest = guest(call);
        String content = guest.readFile(file).orElseThrow(() -> PveError.server("Agent error: failed to open file '"
                + file + "' (mode: 'r'): No such file or directory\n"));
        return FileReadAnswer.of(content.getBytes(StandardCharsets.UTF_8));
    }

    private Guest guest(Call call) {
        return guest(context, call);
    }

    /** The running guest whose agent answers, or PVE's error for why not. */
    static Guest guest(ApiContext context, Call call) {
        SimVm vm = context.cluster().requireVm(call.node(), call.vmid());
        if (!vm.agent().configured()) {
            throw PveError.server("No QEMU guest agent configured\n");
        }
        Guest guest = vm.guest().orElseThrow(() -> PveError.server("VM " + vm.vmid() + " is not running\n"));
        // a disabled agent gave QEMU no agent socket, so the ping fails as for a silent agent
        if (!vm.agent().enabled() || !guest.agentResponding()) {
            throw PveError.server("QEMU guest agent is not running\n");
        }
        return guest;
    }
}
