package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.ConfigLoader;
import dev.nixpve.event.EventSink;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunLock;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nixpve recover} over several nodes of a simulated three-node cluster: one recovery over
 * all of them, under the image's lock on each; a finding names its node; all leaves an offline node
 * out with a warning, a node named explicitly and offline fails the command after the others.
 */
class RecoverOnNodesTest {

    private static final RunId DEAD = new RunId("00000000dead");
    private static final String INSTALLER = "nixpve;building;nixos-base;" + DEAD.tag();

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    private PveSimulator cluster(String... faults) throws Exception {
        return PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { })
                .withNodes(List.of("pve1", "pve2", "pve3")).withFaults(List.of(faults)));
    }

    @Test
    void recoversOnEveryNamedNodeAtOnceAndEachLineNamesItsNode() throws Exception {
        try (PveSimulator sim = cluster(); ProxmoxClient client = connect(sim)) {
            vm(client, "pve2", 9201, "nixpve;smoke-test;nixos-base;" + DEAD.tag());
            vm(client, "pve1", 9100, INSTALLER);

            CliRun run = CliRun.run(clock, sim.environment(), dir, "recover", "--node", "pve1,pve2,pve3");

            assertEquals(0, run.exitCode(), run.all());
            assertEquals(List.of(
                    "VM 9100 on pve1 (run 00000000dead): an installer VM; removed",
                    "VM 9201 on pve2 (run 00000000dead): a smoke-test clone; removed",
                    "Nothing left by earlier runs of nixos-base on pve3."), run.out().lines().toList());
            assertEquals(List.of(), sim.cluster().vms());
        }
    }

    @Test
    void aRunBuildingTheImageOnOneNamedNodeStopsTheRecoveryBeforeAnyChange() throws Exception {
        try (PveSimulator sim = cluster(); ProxmoxClient client = connect(sim);
             RunLock building = RunLock.tryAcquire(new StateDirectory(dir.resolve("out/state"))
                     .imageLock("nixos-base", "pve2"), RunLock.Holder.thisProcess(clock.instant(),
                     new RunId("00000000a11e"))).orElseThrow()) {
            vm(client, "pve1", 9100, INSTALLER);

            CliRun run = CliRun.run(clock, sim.environment(), dir, "recover", "--node", "pve1,pve2");

            assertEquals(3, run.exitCode(), run.all());
            assertTrue(run.err().contains("Another nixpve run is building image nixos-base on pve2"), run.err());
            assertTrue(sim.cluster().vm(9100).isPresent(), "nothing was done");
        }
    }

    @Test
    void allLeavesAnOfflineNodeOutAndANamedOfflineNodeFailsTheCommandAfterTheOthers() throws Exception {
        try (PveSimulator sim = cluster("node-offline=pve3"); ProxmoxClient client = connect(sim)) {
            vm(client, "pve1", 9100, INSTALLER);

            CliRun all = CliRun.run(clock, sim.environment(), dir, "recover", "--node", "all");

            assertEquals(0, all.exitCode(), all.all());
            assertTrue(all.err().contains("node pve3 is offline: left out (target.nodes: all takes the online "
                    + "nodes)"), all.err());
            assertTrue(all.out().contains("VM 9100 on pve1 (run 00000000dead): an installer VM; removed"), all.out());

            vm(client, "pve2", 9200, INSTALLER);
            CliRun named = CliRun.run(clock, sim.environment(), dir, "recover", "--node", "pve2,pve3");

            assertEquals(1, named.exitCode(), named.all());
            assertTrue(named.out().contains("VM 9200 on pve2 (run 00000000dead): an installer VM; removed"),
                    named.out());
            assertTrue(named.err().contains("node pve3 is offline, so nothing was recovered there"), named.err());
            assertEquals(List.of(), sim.cluster().vms());
        }
    }

    @Test
    void aNodeTheClusterDoesNotHaveIsAConfigurationError() throws Exception {
        try (PveSimulator sim = cluster()) {
            CliRun run = CliRun.run(clock, sim.environment(), dir, "recover", "--node", "pve1,pve9");

            assertEquals(2, run.exitCode(), run.all());
            assertTrue(run.err().contains("pve9 is no node of this cluster (its nodes: pve1, pve2, pve3)"),
                    run.err());
        }
    }

    private void vm(ProxmoxClient client, String node, int vmid, String tags) {
        new TaskWaiter(client, clock, clock).await(client.createVm(node, vmid, PveParams.of().put("vmid", vmid)
                .put("name", "vm" + vmid).put("memory", 512).put("tags", tags)), Duration.ofMinutes(1),
                Duration.ofSeconds(1), ResourceRef.vm(node, vmid));
    }

    private ProxmoxClient connect(PveSimulator sim) throws Exception {
        return new ProxmoxConnector(clock, clock, EventSink.discard())
                .connect(new ConfigLoader(sim.environment()).load(Optional.empty(), List.of(), dir).proxmox());
    }
}
