package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.proxmox.model.PveParams;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every GET of the PVE 9.1 schema that a read-only client reaches (the areas the derive script
 * takes: /version, /cluster, /nodes/{node}/..., /storage, /pools, /access) answers, never 501
 * outside the simulator's documented list. With every path variable naming something the
 * simulator holds (its node, VM, storage, task...), the answer is a 200 that fits the schema's
 * {@code returns} (test resource pve-api-returns.json, derived from the official schema); with a
 * name it does not hold (a pool, a replication job...), PVE's own error.
 */
class SimSchemaWalkTest {

    /** Answered 501 on purpose; each is named in the package documentation with the reason. */
    static final Set<String> DELIBERATE_501 = Set.of(
            "/cluster/jobs/schedule-analyze",
            "/nodes/{node}/qemu/{vmid}/vncwebsocket",
            "/nodes/{node}/qemu/{vmid}/mtunnelwebsocket");

    /** Endpoints that answer an error even for things the simulator holds, as PVE would. */
    static final Map<String, String> ERRORS_WITH_REAL_OBJECTS = Map.ofEntries(
            Map.entry("/nodes/{node}/qemu/{vmid}/agent/exec-status", "no command was started with pid 1"),
            Map.entry("/nodes/{node}/qemu/{vmid}/snapshot/{snapname}/config", "'current' is no snapshot, and there are none"),
            Map.entry("/nodes/{node}/storage/{storage}/file-restore/list", "file restore is for Proxmox Backup Server storages"),
            Map.entry("/nodes/{node}/storage/{storage}/file-restore/download", "file restore is for Proxmox Backup Server storages"),
            Map.entry("/nodes/{node}/storage/{storage}/import-metadata", "the ISO is no importable guest image"),
            Map.entry("/cluster/ceph/status", "Ceph is not installed on the simulated nodes"),
            Map.entry("/cluster/ceph/metadata", "Ceph is not installed on the simulated nodes"),
            Map.entry("/cluster/ceph/flags", "Ceph is not installed on the simulated nodes"));

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)\\}");

    @TempDir
    Path dir;

    SimHarness sim;
    Map<String, String> objects;

    @BeforeEach
    void clusterWithARunningVm() {
        sim = new SimHarness();
        sim.uploadInstaller(dir, "installer.iso", "tok");
        sim.simulator.addVnet("vnet1", "zone1");
        PveParams params = PveParams.of().put("scsi0", "local-lvm:8").put("net0", "virtio,bridge=vmbr0")
                .put("ide2", "local:iso/installer.iso,media=cdrom").put("boot", "order=scsi0;ide2")
                .put("agent", "1").put("tags", "web;prod")
                .put("smbios1", SimLifecycleTest.smbiosSerial("tok"));
        sim.await(sim.client.createVm("pve1", 100, params));
        String upid = sim.client.startVm("pve1", 100).toString();
        sim.await(dev.nixpve.proxmox.model.Upid.parse(upid));
        sim.advance(Duration.ofSeconds(30));
        objects = new LinkedHashMap<>();
        objects.put("node", "pve1");
        objects.put("vmid", "100");
        objects.put("storage", "local");
        objects.put("volume", "local:iso/installer.iso");
        objects.put("upid", upid);
        objects.put("iface", "vmbr0");
        objects.put("snapname", "current");
        objects.put("userid", "root@pam");
        objects.put("tokenid", "nixpve");
        objects.put("roleid", "Administrator");
        objects.put("realm", "pam");
        objects.put("vnet", "vnet1");
        objects.put("zone", "zone1");
        objects.put("ipam", "pve");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void everyGetAnswersInPvesShape() throws Exception {
        JsonNode returns = returns().path("9.1");
        List<String> problems = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        returns.properties().forEach(endpoint -> {
            String template = endpoint.getKey().substring("GET ".length());
            try {
                walk(template, endpoint.getValue(), problems, statuses);
            } catch (IOException e) {
                problems.add(template + ": " + e);
            }
        });
        assertTrue(returns.size() > 200, "the walk covers " + returns.size() + " endpoints");
        assertTrue(problems.isEmpty(), "answers: " + statuses + "\n" + String.join("\n", problems));
    }

    @Test
    void theDeliberate501sAreDocumented() throws IOException {
        String documented = Files.readString(Path.of("src/main/java/dev/nixpve/sim/package-info.java"),
                StandardCharsets.UTF_8);
        for (String template : DELIBERATE_501) {
            assertTrue(documented.contains(template), "package-info.java does not name " + template);
        }
    }

    private void walk(String template, JsonNode shape, List<String> problems, Map<String, Integer> statuses)
            throws IOException {
        boolean real = true;
        Matcher variables = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String value = objects.get(variables.group(1));
            if (value == null || template.startsWith("/nodes/{node}/lxc/{vmid}")) {
                real = false;
            }
            variables.appendReplacement(path, Matcher.quoteReplacement(
                    URLEncoder.encode(value == null ? "nosuch" : value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        variables.appendTail(path);
        String query = RequiredParams.query(template);
        RawHttps.Response response = sim.http.get(SharedSim.API + path + query, sim.token());
        statuses.merge(String.valueOf(response.status()), 1, Integer::sum);
        String said = template + " (" + path + query + "): " + response.status() + " " + response.reason();
        if (DELIBERATE_501.contains(template)) {
            if (response.status() != 501) {
                problems.add(said + " but it is listed as a deliberate 501");
            }
            return;
        }
        if (response.status() == 501) {
            problems.add(said);
        } else if (real && !ERRORS_WITH_REAL_OBJECTS.containsKey(template)) {
            if (response.status() != 200) {
                problems.add(said + " " + response.body());
            } else {
                ReturnsShape.problems(shape, JSON.readTree(response.body()).path("data"))
                        .forEach(problem -> problems.add(template + ": " + problem));
            }
        } else if (response.status() == 200) {
            ReturnsShape.problems(shape, JSON.readTree(response.body()).path("data"))
                    .forEach(problem -> problems.add(template + ": " + problem));
        } else if (response.status() < 400) {
            problems.add(said + ": neither an answer nor an error");
        } else if (response.body().contains("undefined format")) {
            problems.add(said + ": the simulator lacks a format PVE knows " + response.body());
        }
    }

    static JsonNode returns() throws IOException {
        try (InputStream in = SimSchemaWalkTest.class.getResourceAsStream("/dev/nixpve/sim/pve-api-returns.json")) {
            return JSON.readTree(in).path("versions");
        }
    }

    /** Values for the query parameters the schema requires, a plausible one each. */
    static final class RequiredParams {

        private static final Map<String, String> QUERIES = Map.ofEntries(
                Map.entry("/nodes/{node}/qemu/{vmid}/agent/file-read", "file=" + InstallProgress.PATH),
                Map.entry("/nodes/{node}/qemu/{vmid}/agent/exec-status", "pid=1"),
                Map.entry("/nodes/{node}/qemu/{vmid}/cloudinit/dump", "type=user"),
                Map.entry("/nodes/{node}/qemu/{vmid}/feature", "feature=clone"),
                Map.entry("/nodes/{node}/qemu/{vmid}/vncwebsocket", "port=5900&vncticket=PVEVNC:0::x"),
                Map.entry("/nodes/{node}/qemu/{vmid}/mtunnelwebsocket", "socket=/run/x&ticket=x"),
                Map.entry("/nodes/{node}/qemu/{vmid}/rrd", "ds=cpu&timeframe=hour"),
                Map.entry("/nodes/{node}/qemu/{vmid}/rrddata", "timeframe=hour"),
                Map.entry("/nodes/{node}/lxc/{vmid}/rrd", "ds=cpu&timeframe=hour"),
                Map.entry("/nodes/{node}/lxc/{vmid}/rrddata", "timeframe=hour"),
                Map.entry("/nodes/{node}/lxc/{vmid}/feature", "feature=clone"),
                Map.entry("/nodes/{node}/lxc/{vmid}/vncwebsocket", "port=5900&vncticket=PVEVNC:0::x"),
                Map.entry("/nodes/{node}/lxc/{vmid}/mtunnelwebsocket", "socket=/run/x&ticket=x"),
                Map.entry("/nodes/{node}/storage/{storage}/rrd", "ds=used&timeframe=hour"),
                Map.entry("/nodes/{node}/storage/{storage}/rrddata", "timeframe=hour"),
                Map.entry("/nodes/{node}/storage/{storage}/file-restore/list", "volume=local:backup/x&filepath=/"),
                Map.entry("/nodes/{node}/storage/{storage}/file-restore/download",
                        "volume=local:backup/x&filepath=/"),
                Map.entry("/nodes/{node}/storage/{storage}/import-metadata", "volume=iso/installer.iso"),
                Map.entry("/nodes/{node}/storage/{storage}/prunebackups", "prune-backups=keep-last%3D3"),
                Map.entry("/cluster/jobs/schedule-analyze", "schedule=daily"),
                Map.entry("/cluster/sdn/dry-run", "node=pve1"));

        static String query(String template) {
            String query = QUERIES.getOrDefault(template, "");
            return query.isEmpty() ? "" : "?" + query;
        }
    }
}
