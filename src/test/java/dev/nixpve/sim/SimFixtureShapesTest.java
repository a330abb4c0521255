package dev.nixpve.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.model.PveParams;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's answers have the shape of recorded real ones (test resources {@code pve-fixtures},
 * sources in their README): every key a real server sent is there, with the same JSON kind, except
 * the keys listed per case, each with the reason nixpve can do without it.
 */
class SimFixtureShapesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String API = "/api2/json";

    SimHarness sim = new SimHarness();
    String task;

    @BeforeEach
    void someState() throws Exception {
        java.nio.file.Path iso = java.nio.file.Files.createTempFile("fixture", ".iso");
        dev.nixpve.sim.guest.StandInIso.write(iso, "t", "NIXPVE");
        sim.await(sim.client.upload("pve1", "local", dev.nixpve.proxmox.model.UploadRequest.iso(iso, "x.iso",
                SimUploadTest.sha256(iso)), EventSink.discard()));
        java.nio.file.Files.delete(iso);
        task = sim.client.createVm("pve1", 100, PveParams.of().put("name", "server1").put("scsi0", "local-lvm:8")
                .put("net0", "virtio,bridge=vmbr0").put("agent", 1).put("ide2", "local:iso/x.iso,media=cdrom")).raw();
        sim.advance(Duration.ofSeconds(5));
        sim.await(sim.client.createVm("pve1", 101, PveParams.of().put("scsi0", "local-lvm:1")));
        sim.await(sim.client.convertToTemplate("pve1", 101).orElseThrow());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void version() throws Exception {
        same("version.get.200.pve62.json", get("/version"), Set.of("keyboard"), "PVE 6 only");
    }

    @Test
    void nodesAndClusterResources() throws Exception {
        same("nodes.get.200.pve8.json", get("/nodes").get(0), Set.of(), "");
        JsonNode resources = get("/cluster/resources");
        JsonNode recorded = fixture("cluster-resources.get.200.pve8.json");
        for (String type : new String[] {"qemu", "node"}) {
            same(pick(recorded, type), pick(resources, type), Set.of("tags"), "tags only when a VM has some");
        }
    }

    @Test
    void vmStatus() throws Exception {
        same("qemu-status-current.get.200.stopped.pve62.json", get("/nodes/pve1/qemu/100/status/current"),
                Set.of("pid", "template"), "PVE 6 sent pid:null and template:\"\" for stopped VMs; 8.x omits them");
        sim.await(sim.client.startVm("pve1", 100));
        same("qemu-status-current.get.200.running.pve8.json", get("/nodes/pve1/qemu/100/status/current"),
                Set.of("balloon", "balloon_min", "ballooninfo", "blockstat", "freemem", "nics", "proxmox-support",
                        "shares", "spice"), "QMP runtime statistics nixpve does not read");
    }

    @Test
    void storagesContentAndTasks() throws Exception {
        same(fixture("nodes-storage.get.200.pve62.json").get(0), get("/nodes/pve1/storage").get(0), Set.of(), "");
        same(fixture("storage-content.get.200.lvmthin.pve62.json").get(0),
                get("/nodes/pve1/storage/local-lvm/content").get(0), Set.of(), "");
        same("task-status.qmcreate.stopped-ok.pve62.json",
                get("/nodes/pve1/tasks/" + URLEncoder.encode(task, StandardCharsets.UTF_8) + "/status"),
                Set.of(), "");
        assertTrue(task.matches("UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmcreate:100:root@pam!nixpve:"), task);
    }

    @Test
    void guestAgentInterfaces() throws Exception {
        sim.await(sim.client.createVm("pve1", 102, PveParams.of().put("agent", 1)));
        sim.await(sim.client.cloneVm("pve1", 101, dev.nixpve.proxmox.model.CloneRequest.linked(103, "c")));
        sim.client.setVmConfig("pve1", 103, PveParams.of().put("agent", 1), java.util.Optional.empty());
        synchronized (sim.simulator.cluster()) {
            sim.simulator.cluster().node("pve1").orElseThrow().storage("local-lvm").orElseThrow()
                    .volume("vm-103-disk-0").orElseThrow().installedBuild("t");
        }
        sim.await(sim.client.startVm("pve1", 103));
        sim.advance(Duration.ofSeconds(20));
        JsonNode result = get("/nodes/pve1/qemu/103/agent/network-get-interfaces").get("result");
        same(fixture("qemu-agent-network-get-interfaces.data-only.pve62.json").get("result").get(1), result.get(1),
                Set.of(), "");
    }

    private JsonNode get(String path) throws Exception {
        RawHttps.Response response = sim.http.get(API + path, sim.token());
        assertEquals(200, response.status(), response.reason());
        return JSON.readTree(response.body()).get("data");
    }

    private static JsonNode pick(JsonNode list, String type) {
        for (JsonNode item : list) {
            if (item.path("type").asText().equals(type)) {
                return item;
            }
        }
        throw new AssertionError("no " + type + " in " + list);
    }

    private void same(String fixture, JsonNode simulated, Set<String> notSimulated, String why) throws Exception {
        same(fixture(fixture), simulated, notSimulated, why);
    }

    private static void same(JsonNode recorded, JsonNode simulated, Set<String> notSimulated, String why) {
        Set<String> missing = new TreeSet<>();
        for (Iterator<String> names = recorded.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (notSimulated.contains(name)) {
                continue;
            }
            JsonNode value = simulated.get(name);
            if (value == null || kind(value) != kind(recorded.get(name))) {
                missing.add(name + (value == null ? "" : " (" + kind(value) + " vs " + kind(recorded.get(name)) + ")"));
            }
        }
        assertTrue(missing.isEmpty(), "keys a real server sends that the simulator lacks: " + missing
                + (why.isEmpty() ? "" : "; ignored on purpose: " + notSimulated + ": " + why));
    }

    /** Numbers and numeric strings count as one kind: PVE itself sends either. */
    private static String kind(JsonNode node) {
        if (node.isContainerNode()) {
            return node.isArray() ? "array" : "object";
        }
        return node.isNull() ? "null" : "scalar";
    }

    private static JsonNode fixture(String name) throws Exception {
        try (InputStream in = SimFixtureShapesTest.class.getResourceAsStream("/pve-fixtures/" + name)) {
            JsonNode tree = JSON.readTree(in);
            return tree.isObject() && tree.has("data") ? tree.get("data") : tree;
        }
    }
}
