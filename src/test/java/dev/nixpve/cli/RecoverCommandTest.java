package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.ConfigLoader;
import dev.nixpve.event.EventSink;
import dev.nixpve.journal.RunId;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nixpve recover}: the cluster's run tags alone say what a dead run left, and what is someone else's. */
class RecoverCommandTest {

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));
    private PveSimulator sim;
    private ProxmoxClient client;

    @BeforeEach
    void start() throws Exception {
        sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { }));
        client = new ProxmoxConnector(clock, clock, EventSink.discard())
                .connect(new ConfigLoader(sim.environment()).load(Optional.empty(), List.of(), dir).proxmox());
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    @Test
    void removesWhatADeadRunLeftAndLeavesOtherVmsAlone() {
        RunId dead = new RunId("00000000dead");
        vm(9100, "nixpve;building;nixos-base;" + dead.tag());
        vm(9101, "nixpve;smoke-test;nixos-base;" + dead.tag());
        vm(9102, "nixpve;building;other-image;" + dead.tag());
        vm(9103, "web");

        CliRun run = CliRun.run(clock, sim.environment(), dir, "recover");

        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("VM 9100 on pve1 (run 00000000dead): an installer VM; removed"), run.out());
        assertTrue(run.out().contains("VM 9101 on pve1 (run 00000000dead): a smoke-test clone; removed"), run.out());
        assertEquals(List.of(9102, 9103), vmids(), "another image's VMs and people's VMs stay");

        CliRun again = CliRun.run(clock, sim.environment(), dir, "recover");
        assertTrue(again.out().contains("Nothing left by earlier runs of nixos-base."), again.out());
    }

    @Test
    void keepFailedKeepsThemStoppedAndTaggedFailed() {
        RunId dead = new RunId("00000000dead");
        vm(9100, "nixpve;building;nixos-base;" + dead.tag());

        CliRun run = CliRun.run(clock, sim.environment(), dir, "recover", "--keep-failed");

        assertTrue(run.out().contains("an installer VM; kept, tagged failed (--keep-failed)"), run.out());
        assertTrue(client.vmConfig("pve1", 9100).tags().contains("failed"));
        CliRun again = CliRun.run(clock, sim.environment(), dir, "recover");
        assertTrue(again.out().contains("Nothing left"), again.out());
    }

    /** Recovery goes through the same retries as a build: a passing 500 on the destroy is one warning, not a failure. */
    @Test
    void aPassing500OnTheDestroyIsTriedAgain() {
        RunId dead = new RunId("00000000dead");
        vm(9100, "nixpve;building;nixos-base;" + dead.tag());
        sim.faults().add("http-500=DELETE:/nodes/*/qemu/*:1");

        CliRun run = CliRun.run(clock, sim.environment(), dir, "recover");

        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("VM 9100 on pve1 (run 00000000dead): an installer VM; removed"), run.out());
        assertEquals(1, run.all().lines().filter(l -> l.contains("trying again")).count(), run.all());
        assertEquals(List.of(), vmids());
    }

    private void vm(int vmid, String tags) {
        new TaskWaiter(client, clock, clock).await(client.createVm("pve1", vmid, PveParams.of().put("vmid", vmid)
                .put("name", "vm" + vmid).put("memory", 512).put("tags", tags)), Duration.ofMinutes(1),
                Duration.ofSeconds(1), ResourceRef.vm("pve1", vmid));
    }

    private List<Integer> vmids() {
        return client.resources(Optional.of("vm")).stream().map(r -> r.vmid().orElseThrow()).sorted().toList();
    }
}
