package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SharedStorageSpec;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --dry-run} over several nodes of a simulated cluster: the plan of the cluster run, node by
 * node (one ISO; each node's upload, or once to a storage they share; its VM; or its template
 * already current), with no write call reaching PVE.
 */
class ClusterDryRunCliTest {

    private static final String TOKEN = "0123456789abcdef0123";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    private PveSimulator cluster(List<String> sharedStorages, String... faults) throws Exception {
        return PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { })
                .withNodes(List.of("pve1", "pve2", "pve3")).withFaults(List.of(faults))
                .withSharedStorages(sharedStorages.stream().map(SharedStorageSpec::parse).toList()));
    }

    private CliRun run(PveSimulator sim, String command, String nodes, String... more) throws Exception {
        Path iso = dir.resolve("nixos.iso");
        StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
        List<String> args = new ArrayList<>(List.of(command, "--iso", iso.toString(), "--out", "out", "--node", nodes));
        args.addAll(List.of(more));
        return CliRun.run(clock, sim.environment(), dir, args.toArray(String[]::new));
    }

    @Test
    void plansEachNodesBuildAndSkipsTheNodeWhoseTemplateIsCurrentWithoutAWrite() throws Exception {
        try (PveSimulator sim = cluster(List.of())) {
            assertEquals(0, run(sim, "rebuild", "pve3").exitCode(), "pve3's template is current");
            int before = sim.requests().size();

            CliRun plan = run(sim, "build-and-deploy-template", "pve1,pve2,pve3", "--dry-run");

            assertEquals(0, plan.exitCode(), plan.all());
            assertEquals(List.of(), writesSince(sim, before), "a dry run makes no write call");
            assertFalse(Files.exists(dir.resolve("out/templates.json")) && Files.readString(
                    dir.resolve("out/templates.json")).contains("pve1"), "nor writes the outputs");
            List<String> lines = plan.out().lines().toList();
            assertTrue(lines.get(0).startsWith("Dry run: nothing is changed. Build ") && lines.get(0).contains(
                    " once, for nodes pve1, pve2, pve3"), plan.out());
            for (String node : List.of("pve1", "pve2")) {
                List<String> calls = section(lines, node);
                assertTrue(calls.stream().anyMatch(c -> c.startsWith("POST /nodes/" + node + "/storage/local/upload")),
                        node + " uploads to its own storage: " + calls);
                assertTrue(calls.stream().anyMatch(c -> c.startsWith("POST /nodes/" + node + "/qemu {")), calls.toString());
                assertTrue(calls.stream().anyMatch(c -> c.matches("POST /nodes/" + node + "/qemu/\\d+/template.*")),
                        "finalized: " + calls);
                assertTrue(calls.stream().anyMatch(c -> c.matches("POST /nodes/" + node + "/qemu/\\d+/clone .*")),
                        "smoke-tested: " + calls);
                assertTrue(calls.stream().allMatch(c -> c.startsWith("#") || c.contains("/nodes/" + node + "/")),
                        "only its own calls: " + calls);
            }
            List<String> pve3 = section(lines, "pve3");
            assertEquals(1, pve3.size(), pve3.toString());
            assertTrue(pve3.get(0).matches("# template \\d+ is already built from build \\w+ and verified: already "
                    + "current, skipped"), pve3.toString());
            assertEquals(1, plan.out().lines().filter(l -> l.startsWith("and write ")).count(), plan.out());
            assertFalse(plan.all().contains(sim.apiToken().substring(sim.apiToken().indexOf('=') + 1)),
                    "the token secret never shows");
        }
    }

    @Test
    void nodesThatShareAnIsoStorageArePlannedToUploadItOnce() throws Exception {
        try (PveSimulator sim = cluster(List.of("isos:nfs:iso"))) {
            Files.writeString(dir.resolve("nixpve.yaml"), "target:\n  isoStorage: isos\n");

            CliRun plan = run(sim, "rebuild", "pve1,pve2,pve3", "--dry-run");

            assertEquals(0, plan.exitCode(), plan.all());
            assertEquals(List.of(), writesSince(sim, 0));
            assertEquals(1, plan.out().lines().filter(l -> l.matches(" +POST /nodes/pve\\d/storage/isos/upload .*"))
                    .count(), plan.out());
            for (String node : List.of("pve2", "pve3")) {
                assertTrue(section(plan.out().lines().toList(), node).contains("# no upload: the ISO goes once to "
                        + "isos, a storage the nodes share, through pve1's upload"), plan.out());
                assertTrue(plan.out().contains("POST /nodes/" + node + "/qemu {"), plan.out());
            }
        }
    }

    @Test
    void allPlansTheOnlineNodesAndSaysWhichItLeftOut() throws Exception {
        try (PveSimulator sim = cluster(List.of(), "node-offline=pve3")) {
            CliRun plan = run(sim, "rebuild", "all", "--dry-run");

            assertEquals(0, plan.exitCode(), plan.all());
            assertTrue(plan.err().contains("node pve3 is offline: left out"), plan.err());
            assertTrue(plan.out().contains("Node pve1:") && plan.out().contains("Node pve2:"), plan.out());
            assertFalse(plan.out().contains("Node pve3:"), plan.out());
            assertEquals(List.of(), writesSince(sim, 0));
        }
    }

    /** The calls and notes printed under "Node NODE:", stripped (a description's further lines left out). */
    private static List<String> section(List<String> lines, String node) {
        int start = lines.indexOf("Node " + node + ":");
        assertTrue(start >= 0, "no section for " + node + ": " + lines);
        List<String> section = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("Node ") || line.startsWith("and write ")) {
                break;
            }
            if (line.startsWith("  ")) {
                section.add(line.strip());
            }
        }
        return section;
    }

    private static List<String> writesSince(PveSimulator sim, int from) {
        List<String> all = sim.requests();
        return all.subList(from, all.size()).stream().filter(r -> !r.startsWith("GET ")).toList();
    }
}
