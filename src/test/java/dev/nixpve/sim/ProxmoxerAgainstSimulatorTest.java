package dev.nixpve.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proxmoxer (Debian's python3-proxmoxer 1.2, over python-requests) reads the simulator as homelab
 * scripts do, with an API token and certificate checks off: version, nodes, resources, a VM's config
 * and status, filtered tasks, storages with ISO content and their content, and uploads an ISO
 * through its multipart encoder. The simulator runs on the wall clock here, so its tasks end while
 * the client polls them.
 */
class ProxmoxerAgainstSimulatorTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    PveSimulator simulator;
    RawHttps http;

    @BeforeEach
    void start() throws IOException {
        simulator = PveSimulator.start(SimOptions.defaults().withInstallTime(Duration.ofSeconds(5)));
        http = new RawHttps(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void proxmoxerReadsAndUploads() throws Exception {
        Path python = python();
        awaitTask(http.form("POST", SharedSim.API + "/nodes/pve1/qemu", simulator.apiToken(),
                "vmid=100&name=web1&memory=1024&tags=web&net0=virtio%2Cbridge%3Dvmbr0"));
        awaitTask(http.form("POST", SharedSim.API + "/nodes/pve1/qemu/100/status/start", simulator.apiToken(), ""));
        Path iso = dir.resolve("live.iso");
        StandInIso.write(iso, "tok", "NIXPVE_INSTALLER");
        Path script = dir.resolve("proxmoxer_reads.py");
        try (InputStream in = getClass().getResourceAsStream("/dev/nixpve/sim/proxmoxer_reads.py")) {
            Files.copy(in, script);
        }
        String token = simulator.apiToken();
        List<String> command = List.of(python.toString(), script.toString(), "127.0.0.1",
                String.valueOf(simulator.endpoint().getPort()), "nixpve", token.substring(token.indexOf('=') + 1),
                "pve1", "100", iso.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("err").toFile());
        builder.environment().remove("REQUESTS_CA_BUNDLE"); // python-requests takes it over verify=False
        builder.environment().remove("CURL_CA_BUNDLE");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "proxmoxer did not finish within 120 s");
        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), err);
        JsonNode read = JSON.readTree(out);

        assertEquals(simulator.options().version().version(), read.path("version").path("version").asText());
        assertEquals(List.of("pve1", "pve2"), texts(read.path("nodes"), null));
        // name and status reach /cluster/resources with pmxcfs' next broadcast (SimResourcesCacheTest)
        assertEquals("pve1", SharedSim.entry(read.path("resources"), "id", "qemu/100").path("node").asText());
        assertEquals("web1", read.path("config").path("name").asText());
        assertEquals("web", read.path("config").path("tags").asText());
        assertEquals("running", read.path("status").path("status").asText());
        assertEquals(List.of("qmstart"), texts(read.path("tasks"), "type"));
        assertEquals(List.of("local"), texts(read.path("storages"), null));
        assertEquals("OK", read.path("upload").path("exitstatus").asText(), read.toString());
        assertTrue(texts(read.path("content"), null).contains("local:iso/live.iso"), read.toString());
    }

    /** Debian's python3 (proxmoxer is installed for it); skips or fails without proxmoxer. */
    private static Path python() throws Exception {
        Path python = Files.isExecutable(Path.of("/usr/bin/python3")) ? Path.of("/usr/bin/python3")
                : ExternalTools.require("python3", "python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import proxmoxer").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            ExternalTools.unavailable("proxmoxer is not installed for " + python
                    + " (Debian package python3-proxmoxer; .ci/run installs it)");
        }
        return python;
    }

    private void awaitTask(RawHttps.Response started) {
        String upid = SharedSim.upid(started).toString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .alias("task " + upid + " to stop")
                .until(() -> SharedSim.data(http.get(SharedSim.API + "/nodes/pve1/tasks/" + upid + "/status",
                        simulator.apiToken())).path("status").asText().equals("stopped"));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(field == null ? item.asText() : item.path(field).asText()));
        return texts;
    }
}
