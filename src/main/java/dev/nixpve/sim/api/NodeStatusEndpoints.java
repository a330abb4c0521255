package dev.nixpve.sim.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's status (pve-manager PVE/API2/Nodes.pm status): uptime, load, kernel, boot mode, CPU,
 * memory, swap and root file system of an 8-core, 32 GiB host booted by UEFI, the same figures
 * {@code GET /nodes} reports for it.
 */
final class NodeStatusEndpoints {

    private static final long GIB = 1L << 30;

    private final ApiContext context;

    NodeStatusEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/nodes/{node}/status", this::status));
    }

    private Map<String, Object> status(Call call) {
        context.cluster().requireNode(call.node());
        boolean eight = context.version().version().startsWith("8.");
        String release = eight ? "6.8.12-9-pve" : "6.17.2-1-pve";
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("uptime", Duration.between(context.cluster().bootedAt(), context.now()).toSeconds() + 86_400);
        status.put("idle", 0);
        status.put("loadavg", List.of("0.12", "0.18", "0.15"));
        status.put("kversion", "Linux " + release + " #1 SMP PREEMPT_DYNAMIC PMX x86_64");
        status.put("current-kernel", Map.of("sysname", "Linux", "release", release,
                "version", "#1 SMP PREEMPT_DYNAMIC PMX", "machine", "x86_64"));
        status.put("boot-info", Map.of("mode", "efi", "secureboot", 0));
        status.put("cpuinfo", Map.of("model", "Intel(R) Core(TM) i7-10700T CPU @ 2.00GHz", "cpus", 8,
                "sockets", 1, "cores", 8, "mhz", "2000.000", "hvm", "1", "user_hz", 100,
                "flags", "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov vmx sse sse2 ssse3 sse4_1"
                        + " sse4_2 x2apic aes avx avx2"));
        status.put("cpu", 0.0123);
        status.put("wait", 0.0004);
        status.put("memory", Map.of("total", 32 * GIB, "used", 6 * GIB, "free", 26 * GIB, "available", 25 * GIB));
        status.put("ksm", Map.of("shared", 0));
        status.put("swap", Map.of("total", 8 * GIB, "used", 0, "free", 8 * GIB));
        status.put("pveversion", "pve-manager/" + context.version().version() + "/" + context.version().repoid());
        status.put("rootfs", Map.of("total", 94 * GIB, "used", 9 * GIB, "avail", 80 * GIB, "free", 85 * GIB));
        return status;
    }
}
