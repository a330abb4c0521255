package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunLock;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code templates prune} over several nodes of a simulated three-node cluster, each with an old
 * and a current template: each node pruned under its own lock, every line naming its node; a node
 * held by a build, or one that stops answering, is reported and the others are still pruned.
 */
class PruneOnNodesTest {

    private static final String TOKEN = "0123456789abcdef0123";
    private static final String NEWER_TOKEN = "fedcba9876543210fedc";
    private static final List<String> NODES = List.of("pve1", "pve2", "pve3");

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    /** Three nodes, each with a template 8 days old and a current one of a newer build; keep one. */
    private PveSimulator clusterWithOldTemplates() throws Exception {
        PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { }).withNodes(NODES));
        build(sim, TOKEN);
        clock.advance(Duration.ofDays(8));
        build(sim, NEWER_TOKEN);
        Files.writeString(dir.resolve("nixpve.yaml"), "retention:\n  templates: 1\n");
        return sim;
    }

    private void build(PveSimulator sim, String token) throws Exception {
        Path iso = dir.resolve(token + ".iso");
        StandInIso.write(iso, token, BuildIdentity.volumeIdFor(token));
        for (String node : NODES) {
            CliRun run = CliRun.run(clock, sim.environment(), dir, "rebuild", "--iso", iso.toString(), "--node", node);
            assertEquals(0, run.exitCode(), run.all());
        }
    }

    @Test
    void eachNamedNodeIsPrunedAndEveryLineNamesItsNode() throws Exception {
        try (PveSimulator sim = clusterWithOldTemplates()) {
            Map<String, List<Integer>> before = templates(sim);
            int requests = sim.requests().size();

            CliRun dry = CliRun.run(clock, sim.environment(), dir, "templates", "prune", "--node", "pve1,pve2",
                    "--dry-run");

            assertEquals(0, dry.exitCode(), dry.all());
            for (String node : List.of("pve1", "pve2")) {
                int old = before.get(node).get(0);
                int current = before.get(node).get(1);
                assertTrue(dry.out().contains(node + ": would remove old template " + old + " "), dry.out());
                assertTrue(dry.out().lines().anyMatch(l -> l.matches(node + ": kept template " + current
                        + " \\(nixos-base-\\w+\\): (current|published to Terraform)")), dry.out());
            }
            assertTrue(dry.out().lines().noneMatch(l -> l.startsWith("pve3")), "pve3 is not named: " + dry.out());
            assertEquals(List.of(), writesSince(sim, requests), "a dry run writes nothing");

            CliRun prune = CliRun.run(clock, sim.environment(), dir, "templates", "prune", "--node", "pve1,pve2");

            assertEquals(0, prune.exitCode(), prune.all());
            assertTrue(prune.out().contains("pve1: removed old template " + before.get("pve1").get(0)), prune.out());
            assertTrue(prune.out().contains("pve2: removed old template " + before.get("pve2").get(0)), prune.out());
            assertEquals(Map.of("pve1", before.get("pve1").subList(1, 2), "pve2", before.get("pve2").subList(1, 2),
                    "pve3", before.get("pve3")), templates(sim));
        }
    }

    @Test
    void aNodeABuildHoldsIsLeftAloneAndTheOthersArePruned() throws Exception {
        try (PveSimulator sim = clusterWithOldTemplates();
             RunLock building = RunLock.tryAcquire(new StateDirectory(dir.resolve("out/state"))
                     .imageLock("nixos-base", "pve2"), RunLock.Holder.thisProcess(clock.instant(),
                     new RunId("00000000a11e"))).orElseThrow()) {
            Map<String, List<Integer>> before = templates(sim);

            CliRun prune = CliRun.run(clock, sim.environment(), dir, "templates", "prune", "--node", "all");

            assertEquals(3, prune.exitCode(), prune.all());
            assertTrue(prune.out().contains("pve2: not pruned. Another nixpve run is building image nixos-base on "
                    + "pve2"), prune.out());
            assertEquals(Map.of("pve1", before.get("pve1").subList(1, 2), "pve2", before.get("pve2"),
                    "pve3", before.get("pve3").subList(1, 2)), templates(sim));
        }
    }

    @Test
    void aNodeThatStopsAnsweringIsReportedTheOthersArePrunedAndItExitsOne() throws Exception {
        try (PveSimulator sim = clusterWithOldTemplates()) {
            Map<String, List<Integer>> before = templates(sim);
            // pve2 dies as its next task (the old template's destroy) ends: it is listed online when the prune starts.
            long ended = sim.cluster().tasks().all().stream().filter(t -> t.node().equals("pve2") && !t.running())
                    .count();
            sim.faults().add("node-offline=pve2@task" + (ended + 1));

            CliRun prune = CliRun.run(clock, sim.environment(), dir, "templates", "prune", "--node", "pve1,pve2,pve3");

            assertEquals(1, prune.exitCode(), prune.all());
            assertTrue(prune.out().contains("pve1: removed old template " + before.get("pve1").get(0)), prune.out());
            assertTrue(prune.out().contains("pve2: not pruned. The node does not answer ("), prune.out());
            assertTrue(prune.out().contains("pve3: removed old template " + before.get("pve3").get(0)), prune.out());
            assertEquals(before.get("pve3").subList(1, 2), templates(sim).get("pve3"));
        }
    }

    @Test
    void aNamedOfflineNodeIsReportedAndTheOthersArePruned() throws Exception {
        try (PveSimulator sim = clusterWithOldTemplates()) {
            Map<String, List<Integer>> before = templates(sim);
            sim.faults().add("node-offline=pve3");

            CliRun prune = CliRun.run(clock, sim.environment(), dir, "templates", "prune", "--node", "pve1,pve3");

            assertEquals(1, prune.exitCode(), prune.all());
            assertTrue(prune.out().contains("pve1: removed old template " + before.get("pve1").get(0)), prune.out());
            assertTrue(prune.out().contains("pve3: not pruned. The node is offline."), prune.out());
        }
    }

    /** Node to its templates' VMIDs, oldest first. */
    private static Map<String, List<Integer>> templates(PveSimulator sim) {
        return sim.cluster().vms().stream().filter(SimVm::template).collect(Collectors.groupingBy(SimVm::node,
                TreeMap::new, Collectors.mapping(SimVm::vmid, Collectors.collectingAndThen(Collectors.toList(),
                        l -> l.stream().sorted().toList()))));
    }

    private static List<String> writesSince(PveSimulator sim, int from) {
        List<String> all = sim.requests();
        return all.subList(from, all.size()).stream().filter(r -> !r.startsWith("GET ")).toList();
    }
}
