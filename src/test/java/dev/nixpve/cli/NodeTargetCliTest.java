package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster configuration as one-node runs read it: a node's perNode settings are the ones its
 * run uses; what still works on one node only (the demo, the metrics flags) refuses several nodes
 * (or all) plainly, before any call, rather than working on the first node only.
 */
class NodeTargetCliTest {

    private static final String TOKEN = "0123456789abcdef0123";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void aRunOnANodeUsesThatNodesOwnSettings() throws Exception {
        try (PveSimulator sim = simulator()) {
            Files.writeString(dir.resolve("nixpve.yaml"), String.join("\n",
                    "target:",
                    "  nodes: [pve2]",
                    "  perNode:",
                    "    pve2:",
                    "      vmids: 9200-9299",
                    ""));

            CliRun run = CliRun.run(clock, sim.environment(), dir, "rebuild", "--iso", iso().toString());

            assertEquals(0, run.exitCode(), run.all());
            List<SimVm> templates = sim.cluster().vms().stream().filter(SimVm::template).toList();
            assertEquals(1, templates.size());
            assertEquals("pve2", templates.get(0).node());
            assertTrue(templates.get(0).vmid() >= 9200 && templates.get(0).vmid() <= 9299,
                    "pve2's own VMID range: " + templates.get(0).vmid());
        }
    }

    @Test
    void aPreflightProblemWithANodesOwnSettingNamesItsPerNodeKey() throws Exception {
        try (PveSimulator sim = simulator()) {
            Files.writeString(dir.resolve("nixpve.yaml"), String.join("\n",
                    "target:",
                    "  node: pve2",
                    "  perNode:",
                    "    pve2:",
                    "      diskStorage: ssd",
                    ""));

            CliRun run = CliRun.run(clock, sim.environment(), dir, "rebuild", "--iso", iso().toString());

            assertEquals(1, run.exitCode(), run.all());
            assertTrue(run.err().contains("storage 'ssd' (target.perNode.pve2.diskStorage) does not exist on node pve2"),
                    run.err());
        }
    }

    @Test
    void pveCheckReportsEveryNodeAndWithAllSaysWhichOfflineNodeItLeftOut() throws Exception {
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { }).withNodes(List.of("pve1", "pve2", "pve3"))
                .withFaults(List.of("node-offline=pve3")))) {
            CliRun named = CliRun.run(clock, sim.environment(), dir, "pve", "check", "--node", "pve1,pve2");

            assertEquals(0, named.exitCode(), named.all());
            assertTrue(named.out().contains("== node pve1 ==") && named.out().contains("== node pve2 =="),
                    named.out());
            assertTrue(named.out().contains("Storages on pve2:"), named.out());

            CliRun all = CliRun.run(clock, sim.environment(), dir, "pve", "check", "--node", "all");

            assertEquals(0, all.exitCode(), all.all());
            assertTrue(all.out().contains("Node pve3 is offline: not checked"), all.out());
            assertTrue(!all.out().contains("== node pve3 =="), all.out());

            CliRun down = CliRun.run(clock, sim.environment(), dir, "pve", "check", "--node", "pve1,pve3");
            assertEquals(1, down.exitCode(), "a node named explicitly and offline fails the check: " + down.all());
        }
    }

    @Test
    void aBuildNamingANodeTheClusterDoesNotHaveIsAConfigErrorBeforeAnyWrite() throws Exception {
        try (PveSimulator sim = simulator()) {
            CliRun run = CliRun.run(clock, sim.environment(), dir, "rebuild", "--iso", iso().toString(),
                    "--node", "pve1,pve7");

            assertEquals(2, run.exitCode(), run.all());
            assertTrue(run.err().contains("pve7 is no node of this cluster (its nodes: pve1, pve2)"), run.err());
            assertEquals(List.of(), sim.requests().stream().filter(r -> !r.startsWith("GET ")).toList());
        }
    }

    @Test
    void theDemoRefusesSeveralNodesBeforeItBuilds() {
        CliRun run = CliRun.run(clock, java.util.Map.of(), dir, "build-and-deploy-template", "--demo", "--node",
                "pve1,pve2");

        assertEquals(2, run.exitCode(), run.all());
        assertTrue(!run.out().contains("DEMO:"), run.out());
    }

    @Test
    void templatesListShowsTheNodesTheConfigurationNames() throws Exception {
        try (PveSimulator sim = simulator()) {
            CliRun run = CliRun.run(clock, sim.environment(), dir, "templates", "list", "--node", "pve1,pve2");

            assertEquals(0, run.exitCode(), run.all());
            assertEquals("No templates of image nixos-base on pve1, pve2.", run.out().strip());
        }
    }

    private PveSimulator simulator() throws Exception {
        return PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { }));
    }

    private Path iso() throws Exception {
        Path iso = dir.resolve("nixos.iso");
        StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
        return iso;
    }
}
