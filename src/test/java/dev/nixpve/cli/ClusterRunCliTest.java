package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.cli.demo.AcceleratedClock;
import dev.nixpve.wait.Sleeper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run over several nodes with node-local disks (issue 15), against a simulated cluster: one ISO,
 * a template on every node built at once, one publish; a rerun makes no write call; a node added
 * later is the only one that builds; a node that dies mid-install fails alone.
 */
class ClusterRunCliTest {

    private static final String TOKEN = "0123456789abcdef0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * Real time, 20 times faster, as the demo runs: the nodes' builds are threads that each wait on
     * their own, which one fake clock moved by every sleep cannot give them (a node's monitor would
     * miss the installer's ten seconds between "done" and its power-off while another node sleeps).
     */
    private final AcceleratedClock clock = new AcceleratedClock(Clock.systemUTC(), 20);

    private PveSimulator cluster(List<String> nodes, String... faults) throws IOException {
        return PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { })
                .withInstallTime(Duration.ofSeconds(30)).withNodes(nodes).withFaults(List.of(faults)));
    }

    private CliRun rebuild(PveSimulator sim, String nodes) throws IOException {
        Path iso = dir.resolve("nixos.iso");
        StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
        return CliRun.run(clock, clock.sleeper(Sleeper.system()), sim.environment(), dir, "rebuild", "--iso",
                iso.toString(), "--out", "out", "--node", nodes, "--log-format", "json");
    }

    /** Node to the VMIDs of the templates on it. */
    private static Map<String, List<Integer>> templates(PveSimulator sim) {
        Map<String, List<Integer>> byNode = new TreeMap<>();
        sim.cluster().vms().stream().filter(SimVm::template)
                .forEach(vm -> byNode.computeIfAbsent(vm.node(), n -> new ArrayList<>()).add(vm.vmid()));
        return byNode;
    }

    private static List<String> writesSince(PveSimulator sim, int request) {
        List<String> all = sim.requests();
        return all.subList(request, all.size()).stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    @Test
    void threeNodesGetATemplateEachFromOneIsoBuiltAtOnceAndARerunWritesNothing() throws Exception {
        try (PveSimulator sim = cluster(List.of("pve1", "pve2", "pve3"))) {
            CliRun run = rebuild(sim, "pve1,pve2,pve3");

            assertEquals(0, run.exitCode(), run.all());
            Map<String, List<Integer>> templates = templates(sim);
            assertEquals(List.of("pve1", "pve2", "pve3"), List.copyOf(templates.keySet()), templates.toString());
            assertTrue(templates.values().stream().allMatch(t -> t.size() == 1), templates.toString());
            assertEquals(3, sim.requests().stream().filter(r -> r.matches("POST .*/storage/local/upload")).count(),
                    "one upload to each node's local ISO storage");
            List<JsonNode> lines = run.out().lines().filter(l -> l.startsWith("{")).map(ClusterRunCliTest::json)
                    .toList();
            int lastInstallStart = lastIndex(lines, "install", "STARTED");
            int firstInstallDone = firstIndex(lines, "install", "DONE");
            assertTrue(lastInstallStart < firstInstallDone, "the three installs ran at once");
            JsonNode installs = JSON.readTree(dir.resolve("out/build-report.json").toFile()).path("steps");
            List<java.time.Instant> starts = new ArrayList<>();
            List<java.time.Instant> ends = new ArrayList<>();
            installs.forEach(step -> {
                if (step.path("step").asText().equals("install")) {
                    java.time.Instant start = java.time.Instant.parse(step.path("startedAt").asText());
                    starts.add(start);
                    ends.add(start.plusMillis(step.path("durationMs").asLong()));
                }
            });
            assertEquals(3, starts.size(), installs.toString());
            assertTrue(starts.stream().max(java.util.Comparator.naturalOrder()).orElseThrow()
                    .isBefore(ends.stream().min(java.util.Comparator.naturalOrder()).orElseThrow()),
                    "the report's install steps overlap: " + installs);
            JsonNode tfvars = JSON.readTree(dir.resolve("out/template.auto.tfvars.json").toFile());
            assertEquals(List.of("pve1", "pve2", "pve3"), names(tfvars.path("templates")));
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("pve2: Published template ")), run.out());

            int before = sim.requests().size();
            CliRun again = rebuild(sim, "pve1,pve2,pve3");
            assertEquals(0, again.exitCode(), again.all());
            assertEquals(List.of(), writesSince(sim, before), "a rerun over the same nodes writes nothing");
            assertEquals(3, again.out().lines().filter(l -> l.matches("pve\\d: Unchanged: template .*")).count(),
                    again.out());
        }
    }

    @Test
    void aNodeAddedLaterIsTheOnlyOneThatBuilds() throws Exception {
        try (PveSimulator sim = cluster(List.of("pve1", "pve2", "pve3", "pve4"))) {
            assertEquals(0, rebuild(sim, "pve1,pve2").exitCode());
            int before = sim.requests().size();

            CliRun wider = rebuild(sim, "pve1,pve2,pve4");

            assertEquals(0, wider.exitCode(), wider.all());
            assertTrue(writesSince(sim, before).stream().filter(w -> w.matches("POST .*/nodes/pve\\d/qemu"))
                    .allMatch(w -> w.contains("/nodes/pve4/")), writesSince(sim, before).toString());
            assertEquals(List.of("pve1", "pve2", "pve4"), List.copyOf(templates(sim).keySet()));

            // A node taken out of the list leaves Terraform's map, whose every entry is of this build.
            CliRun narrower = rebuild(sim, "pve1,pve4");
            assertEquals(0, narrower.exitCode(), narrower.all());
            JsonNode tfvars = JSON.readTree(dir.resolve("out/template.auto.tfvars.json").toFile());
            assertEquals(List.of("pve1", "pve4"), names(tfvars.path("templates")));
        }
    }

    @Test
    void aNodeThatDiesMidInstallFailsAloneAndTheOthersPublish() throws Exception {
        // pve3's third task is its installer VM's start: it goes down 10 s after, mid-install (30 s).
        try (PveSimulator sim = cluster(List.of("pve1", "pve2", "pve3", "pve4"), "node-offline=pve3@task3+10s")) {
            CliRun run = rebuild(sim, "pve1,pve2,pve3");

            assertEquals(1, run.exitCode(), run.all());
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("pve1: Published template ")), run.out());
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("pve2: Published template ")), run.out());
            String pve3 = run.out().lines().filter(l -> l.startsWith("pve3: failed. ")).findFirst().orElseThrow();
            assertTrue(pve3.contains("Step 'install' failed"), pve3);
            // The node is down: its installer VM cannot be removed now; the journal keeps it for recovery.
            assertTrue(pve3.contains("LEFT BEHIND VM") && pve3.contains("on pve3"), pve3);
            JsonNode tfvars = JSON.readTree(dir.resolve("out/template.auto.tfvars.json").toFile());
            assertEquals(List.of("pve1", "pve2"), names(tfvars.path("templates")));
            // The report lists pve3's installer VM, not the published templates; pve3 cannot be read, so
            // the list is the journal's, and the report says why.
            JsonNode report = JSON.readTree(dir.resolve("out/build-report.json").toFile());
            List<SimVm> onPve3 = sim.cluster().vms().stream().filter(vm -> vm.node().equals("pve3")).toList();
            assertEquals(1, onPve3.size(), onPve3.toString());
            assertEquals("journal", report.path("leftOnProxmoxSource").asText(), report.toString());
            assertTrue(report.path("leftOnProxmoxUnreadBecause").asText().contains("pve3"), report.toString());
            assertEquals(List.of("pve3 " + onPve3.get(0).vmid()), leftVms(report), report.toString());

            // pve3 is still down: the next run over the others recovers what it can and leaves the rest.
            CliRun next = rebuild(sim, "pve1,pve2");
            assertEquals(0, next.exitCode(), next.all());
            assertTrue(next.out().contains("on a node that does not answer") && next.out().contains(
                    "left for a later run"), next.out());
        }
    }

    @Test
    void nodesThatShareAnIsoStorageUploadTheIsoOnce() throws Exception {
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { }).withInstallTime(Duration.ofSeconds(30))
                .withNodes(List.of("pve1", "pve2", "pve3"))
                .withSharedStorages(List.of(dev.nixpve.sim.state.SharedStorageSpec.parse("isos:nfs:iso"))))) {
            java.nio.file.Files.writeString(dir.resolve("nixpve.yaml"), "target:\n  isoStorage: isos\n");

            CliRun run = rebuild(sim, "pve1,pve2,pve3");

            assertEquals(0, run.exitCode(), run.all());
            assertEquals(1, sim.requests().stream().filter(r -> r.matches("POST .*/storage/isos/upload")).count(),
                    "one upload to the shared storage; the other nodes find it there");
            assertEquals(List.of("pve1", "pve2", "pve3"), List.copyOf(templates(sim).keySet()));
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    private static int lastIndex(List<JsonNode> lines, String step, String status) {
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (isStep(lines.get(i), step, status)) {
                found = i;
            }
        }
        return found;
    }

    private static int firstIndex(List<JsonNode> lines, String step, String status) {
        for (int i = 0; i < lines.size(); i++) {
            if (isStep(lines.get(i), step, status)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isStep(JsonNode line, String step, String status) {
        return line.path("event").asText().equals("step") && line.path("step").asText().equals(step)
                && line.path("status").asText().equals(status);
    }

    /** The VMs a build report lists as left, as "node vmid". */
    private static List<String> leftVms(JsonNode report) {
        List<String> vms = new ArrayList<>();
        report.path("leftOnProxmox").forEach(left -> {
            if (left.has("vmid")) {
                vms.add(left.path("node").asText() + " " + left.path("vmid").asInt());
            }
        });
        return vms;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}
