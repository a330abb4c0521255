package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.cli.demo.AcceleratedClock;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SharedStorageSpec;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.wait.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes whose disk storage is shared (issue 15): one template serves them all, its smoke test
 * clones it onto another node as Terraform will, and the Terraform map points every node at it.
 */
class SharedDiskClusterCliTest {

    private static final String TOKEN = "0123456789abcdef0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Real time, 20 times faster, as in ClusterRunCliTest: the builds are threads that wait on their own. */
    private final AcceleratedClock clock = new AcceleratedClock(Clock.systemUTC(), 20);

    private PveSimulator cluster(String disks) throws IOException {
        Files.writeString(dir.resolve("nixpve.yaml"), "target:\n  isoStorage: isos\n  diskStorage: san\n");
        return PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { })
                .withInstallTime(Duration.ofSeconds(30)).withNodes(List.of("pve1", "pve2", "pve3", "pve4"))
                .withSharedStorages(List.of(SharedStorageSpec.parse("isos:nfs:iso"), SharedStorageSpec.parse(disks))));
    }

    private CliRun rebuild(PveSimulator sim, String nodes) throws IOException {
        Path iso = dir.resolve("nixos.iso");
        StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
        return CliRun.run(clock, clock.sleeper(Sleeper.system()), sim.environment(), dir, "rebuild", "--iso",
                iso.toString(), "--out", "out", "--node", nodes);
    }

    private static List<SimVm> templates(PveSimulator sim) {
        return sim.cluster().vms().stream().filter(SimVm::template).toList();
    }

    private static List<String> writesSince(PveSimulator sim, int request) {
        List<String> all = sim.requests();
        return all.subList(request, all.size()).stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    private JsonNode tfvars() throws IOException {
        return JSON.readTree(dir.resolve("out/template.auto.tfvars.json").toFile()).path("templates");
    }

    @Test
    void oneTemplateOnSharedLvmServesEveryNodeAndItsSmokeTestClonesOntoAnother() throws Exception {
        try (PveSimulator sim = cluster("san:lvm:images")) {
            CliRun run = rebuild(sim, "pve1,pve2,pve3");

            assertEquals(0, run.exitCode(), run.all());
            List<SimVm> templates = templates(sim);
            assertEquals(1, templates.size(), templates.toString());
            SimVm template = templates.get(0);
            assertEquals("pve1", template.node());
            assertEquals(1, sim.requests().stream().filter(r -> r.matches("POST .*/nodes/pve\\d/qemu")).count(),
                    "one installer VM for all three nodes");
            assertTrue(run.out().contains("on pve2 booted"), "the smoke test cloned onto pve2: " + run.out());
            assertTrue(sim.cluster().vms().stream().noneMatch(vm -> !vm.template()), "the clone is gone");
            JsonNode map = tfvars();
            for (String node : List.of("pve1", "pve2", "pve3")) {
                assertEquals(template.vmid(), map.path(node).path("vm_id").asInt(), map.toString());
                assertEquals("san", map.path(node).path("datastore").asText(), map.toString());
            }
            assertFalse(map.path("pve1").has("node"), "pve1 holds it: " + map);
            assertEquals("pve1", map.path("pve2").path("node").asText(), map.toString());
            assertEquals("pve1", map.path("pve3").path("node").asText(), map.toString());
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("pve3: Published template " + template.vmid())
                    && l.contains(" on pve1")), run.out());

            int before = sim.requests().size();
            CliRun again = rebuild(sim, "pve1,pve2,pve3");
            assertEquals(0, again.exitCode(), again.all());
            assertEquals(List.of(), writesSince(sim, before), "a rerun writes nothing");

            CliRun wider = rebuild(sim, "pve1,pve2,pve3,pve4");
            assertEquals(0, wider.exitCode(), wider.all());
            assertEquals(List.of(), writesSince(sim, before), "a node that sees the storage gets the template as it is");
            assertEquals(template.vmid(), tfvars().path("pve4").path("vm_id").asInt(), tfvars().toString());
            assertEquals(List.of(template.vmid()), templates(sim).stream().map(SimVm::vmid).toList());
        }
    }

    @Test
    void cephRbdServesEveryNodeFromOneTemplateToo() throws Exception {
        try (PveSimulator sim = cluster("san:rbd:images")) {
            CliRun run = rebuild(sim, "pve2,pve3");

            assertEquals(0, run.exitCode(), run.all());
            List<SimVm> templates = templates(sim);
            assertEquals(1, templates.size(), templates.toString());
            assertEquals("pve2", templates.get(0).node());
            assertTrue(run.out().contains("on pve3 booted"), run.out());
            List<String> served = new ArrayList<>();
            tfvars().fieldNames().forEachRemaining(served::add);
            assertEquals(List.of("pve2", "pve3"), served.stream().sorted().toList());
        }
    }
}
