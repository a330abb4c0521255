package dev.nixpve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunLock;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.ResourceRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster half of the image lock: a run on another machine (another state directory) shows
 * only by the VM it is making, whose description names its holder. While it may be alive, this
 * run does nothing (above all, its recovery does not remove that VM); once it cannot be, it is
 * dead like any other.
 */
class ForeignRunLockTest {

    private static final RunId OTHER = RunId.of("0000000f0e16");

    @TempDir
    Path dir;

    @Test
    void aRunOfAnotherMachineMakingThisImageIsALockAndItsVmIsLeftAlone() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            Instant started = pve.clock.instant().minus(Duration.ofMinutes(10));
            plantInstallerVm(pve, new RunLock.Holder(4242, "builder-2", started, OTHER));
            int writes = pve.writes().size();

            RunLockedException locked = assertThrows(RunLockedException.class, () -> pve.run(false));

            assertEquals("another nixpve run is building image nixos-base on pve1: run 0000000f0e16 (pid 4242 on "
                    + "builder-2, started " + started + "), seen by its VM 9150 on pve1; nothing was done",
                    locked.getMessage());
            assertEquals(writes, pve.writes().size(), "no write call");
            assertTrue(pve.guests().contains("9150:its-installer"), pve.guests().toString());
        }
    }

    @Test
    void aRunOfAnotherMachineThatStartedLongerAgoThanARunCanTakeIsDeadAndRecovered() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            plantInstallerVm(pve, new RunLock.Holder(4242, "builder-2", pve.clock.instant().minus(Duration.ofDays(3)),
                    OTHER));

            DeployResult result = pve.run(false);

            assertEquals(List.of(result.vmid() + ":" + result.templateName() + ":template"), pve.guests());
        }
    }

    @Test
    void aDeadRunOfThisMachineWhoseStateIsLostIsRecoveredNotALock() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            String thisHost = RunLock.Holder.thisHost();
            plantInstallerVm(pve, new RunLock.Holder(4242, thisHost, pve.clock.instant().minus(Duration.ofMinutes(10)),
                    OTHER));

            DeployResult result = pve.run(false);

            assertFalse(pve.guests().contains("9150:its-installer"), pve.guests().toString());
            assertEquals(List.of(result.vmid() + ":" + result.templateName() + ":template"), pve.guests());
        }
    }

    @Test
    void aLiveRunOfAnotherMachineOnAnotherNodeLocksNothingHereAndRecoveryLeavesItsVmAlone() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            RunLock.Holder other = new RunLock.Holder(4242, "builder-2", pve.clock.instant().minus(Duration.ofMinutes(10)),
                    OTHER);
            plantInstallerVm(pve, other, "pve2");

            DeployResult result = pve.run(false);

            assertEquals("pve1", result.node());
            assertTrue(pve.guests().contains("9150:its-installer"), pve.guests().toString());
            assertTrue(pve.events.stream().anyMatch(e -> e instanceof dev.nixpve.event.LogEvent l
                    && l.message().equals("recovered: VM 9150 on pve2 (run 0000000f0e16): a VM of "
                    + other.describe() + ", a run of another machine that may still be going; left alone")),
                    pve.events.toString());
        }
    }

    @Test
    void recoverAloneLeavesALiveRunOfAnotherMachineAlone() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            plantInstallerVm(pve, new RunLock.Holder(4242, "builder-2", pve.clock.instant(), OTHER));

            var config = pve.config(List.of());
            var report = new RecoverRun(pve.client, pve.clock, pve.clock, e -> { }).run(config,
                    List.of(config.target().single()), dir.resolve("out/state"), false);

            assertEquals(List.of("left alone"), report.findings().stream().map(f -> f.did()).toList());
            assertTrue(pve.guests().contains("9150:its-installer"), pve.guests().toString());
        }
    }

    @Test
    void aDeadRunThisStateDirectoryHasAJournalOfIsThisMachinesWhateverHostItNamed() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            // The host name changed since (or HOSTNAME differs between a shell and a unit): the journal tells.
            dev.nixpve.journal.RunJournal.start(new dev.nixpve.journal.StateDirectory(dir.resolve("out/state")), OTHER,
                    pve.clock, "a run that died").close();
            plantInstallerVm(pve, new RunLock.Holder(4242, "old-name", pve.clock.instant(), OTHER));

            DeployResult result = pve.run(false);

            assertEquals(List.of(result.vmid() + ":" + result.templateName() + ":template"), pve.guests());
        }
    }

    private static void plantInstallerVm(PipelineHarness pve, RunLock.Holder holder) {
        plantInstallerVm(pve, holder, "pve1");
    }

    /** An installer VM as a run of {@code holder} creates it: tags and the description naming its holder. */
    private static void plantInstallerVm(PipelineHarness pve, RunLock.Holder holder, String node) {
        new TaskWaiter(pve.client, pve.clock, pve.clock).await(pve.client.createVm(node, 9150, PveParams.of()
                        .put("vmid", 9150).put("name", "its-installer").put("memory", 512)
                        .put("tags", "nixpve;building;nixos-base;" + holder.run().tag())
                        .put("description", "nixpve installer VM for build 5a29de3b, created "
                                + holder.started() + " by " + holder.describe() + ".")),
                Duration.ofMinutes(1), Duration.ofSeconds(1), ResourceRef.vm(node, 9150));
    }
}
