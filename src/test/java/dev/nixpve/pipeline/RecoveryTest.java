package dev.nixpve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.Event;
import dev.nixpve.event.InstallPhaseEvent;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.StepEvent;
import dev.nixpve.event.StepId;
import dev.nixpve.nix.FileTrees;
import dev.nixpve.proxmox.model.StorageVolume;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run killed anywhere leaves nothing the next run does not clean up. The first run dies as a
 * kill -9 leaves it (an Error nothing catches: no cleanup, no end line in its journal, its lock
 * released), at the start of each step and inside the ones that create something; the rerun must
 * say what it found, end with exactly one verified template and nothing else, and a second rerun
 * must create nothing. The same again with the state directory deleted: the cluster's tags suffice.
 * (An Error thrown inside the upload's body writer is wrapped by Jersey into a connection failure,
 * so a death mid-upload is proven by {@code KilledProcessRecoveryTest} with a real process.)
 */
class RecoveryTest {

    private static final String TEMPLATE = "nixos-base-3f2a9c1b";

    @TempDir
    Path dir;

    static Stream<Arguments> deaths() {
        Stream<Arguments> stepStarts = Stream.of(StepId.values()).map(step -> Arguments.of("start of " + step,
                (Predicate<Event>) e -> e instanceof StepEvent s && s.step() == step
                        && s.status() == StepEvent.Status.STARTED));
        Stream<Arguments> inside = Stream.of(
                Arguments.of("installer VM just created", created("VM 9100")),
                Arguments.of("mid-install", (Predicate<Event>) e -> e instanceof InstallPhaseEvent p
                        && p.phase().equals("install")),
                Arguments.of("smoke-test clone just created", created("smoke-test clone")));
        return Stream.concat(stepStarts, inside).flatMap(a -> Stream.of(
                Arguments.of(a.get()[0], a.get()[1], false), Arguments.of(a.get()[0], a.get()[1], true)));
    }

    @ParameterizedTest(name = "killed at {0}, state directory lost: {2}")
    @MethodSource("deaths")
    void theRerunCleansUpAndEndsWithOneVerifiedTemplate(String where, Predicate<Event> death, boolean loseState)
            throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            pve.dieWhen = death;
            assertThrows(PipelineHarness.Killed.class, () -> pve.run(false), where);
            pve.dieWhen = e -> false;
            if (loseState) {
                FileTrees.deleteRecursively(dir.resolve("out/state"));
            }
            List<String> leftByTheDead = pve.guests();
            pve.events.clear();

            DeployResult rerun = pve.run(false);

            List<String> recovered = pve.events.stream().filter(e -> e instanceof LogEvent l
                    && l.message().startsWith("recovered: ")).map(e -> ((LogEvent) e).message()).toList();
            boolean deadLeftAVerifiedTemplate = rerun.reused();
            if (!deadLeftAVerifiedTemplate) {
                for (String guest : leftByTheDead) {
                    String vmid = guest.substring(0, guest.indexOf(':'));
                    assertTrue(recovered.stream().anyMatch(l -> l.contains("VM " + vmid + " on pve1")),
                            where + ": the rerun names VM " + vmid + " it found; it said " + recovered);
                }
            }
            assertEquals(List.of(rerun.vmid() + ":" + TEMPLATE + ":template"), pve.guests(),
                    where + ": exactly one template and no other VM");
            Optional<String> resumed = resumable(where, loseState);
            if (resumed.isPresent()) {
                assertEquals(9100, rerun.vmid(), where + ": the dead run's VM is finished, not built again");
                assertFalse(pve.events.stream().anyMatch(e -> e instanceof StepEvent s && s.step() == StepId.INSTALL
                        && s.status() == StepEvent.Status.STARTED), where + ": no install again");
                assertTrue(recovered.stream().anyMatch(l -> l.contains(resumed.get())), where + ": " + recovered);
            }
            var template = pve.client.vmConfig("pve1", rerun.vmid());
            assertTrue(template.tags().contains("verified"), where);
            // Its description names the run its tag names, adopted or not: other machines' runs read it.
            assertEquals(template.tags().stream().map(dev.nixpve.journal.RunId::fromTag).flatMap(Optional::stream)
                    .findFirst(), template.get("description").flatMap(dev.nixpve.journal.RunLock.Holder::parse)
                    .map(dev.nixpve.journal.RunLock.Holder::run), where);
            List<StorageVolume> isos = pve.client.storageContent("pve1", "local", Optional.of("iso"));
            assertEquals(1, isos.size(), where + ": one whole ISO, no partial one: " + isos);

            int writes = pve.writes().size();
            DeployResult again = pve.run(false);
            assertTrue(again.reused(), where);
            assertEquals(writes, pve.writes().size(), where + ": a second rerun creates nothing");
            assertFalse(pve.events.stream().anyMatch(e -> e instanceof JournalEvent j
                    && j.action() == JournalEvent.Action.LEFT_BEHIND), where);
        }
    }

    @org.junit.jupiter.api.Test
    void aRunThatIsStillAliveIsNeverTouched() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir);
             dev.nixpve.journal.RunJournal alive = dev.nixpve.journal.RunJournal.start(
                     new dev.nixpve.journal.StateDirectory(dir.resolve("out/state")),
                     new dev.nixpve.journal.RunId("00000000a11e"), pve.clock, "another run, building")) {
            new dev.nixpve.proxmox.TaskWaiter(pve.client, pve.clock, pve.clock).await(pve.client.createVm("pve1", 9150,
                    dev.nixpve.proxmox.model.PveParams.of().put("vmid", 9150).put("name", "its-installer").put("memory", 512)
                            .put("tags", "nixpve;building;nixos-base;" + alive.run().tag())),
                    java.time.Duration.ofMinutes(1), java.time.Duration.ofSeconds(1),
                    dev.nixpve.proxmox.model.ResourceRef.vm("pve1", 9150));

            pve.run(false);

            assertTrue(pve.guests().contains("9150:its-installer"), "the live run's VM stays: " + pve.guests());
            assertFalse(pve.events.stream().anyMatch(e -> e instanceof LogEvent l && l.message().contains("9150")));
        }
    }

    @org.junit.jupiter.api.Test
    void anUnverifiedTemplateOfAnotherBuildIsRemovedNotFinished() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            killAtStartOf(pve, StepId.SMOKE_TEST);
            pve.buildId = "9".repeat(64);
            pve.events.clear();

            DeployResult rerun = pve.run(false);

            assertTrue(recovered(pve).stream().anyMatch(l -> l.startsWith("recovered: VM 9100 on pve1")
                    && l.contains("not finished (it is build-3f2a9c1b") && l.endsWith("; removed")), recovered(pve).toString());
            assertTrue(pve.events.stream().anyMatch(e -> e instanceof StepEvent s && s.step() == StepId.INSTALL
                    && s.status() == StepEvent.Status.STARTED), "the new build is installed anew");
            assertEquals(List.of(rerun.vmid() + ":" + rerun.templateName() + ":template"), pve.guests());
            assertFalse(rerun.templateName().equals(TEMPLATE));
        }
    }

    @org.junit.jupiter.api.Test
    void aVmKilledHalfwayThroughFinalizeIsFinalizedAgain() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            killAtStartOf(pve, StepId.FINALIZE);
            // finalize's first change went through before the kill: the ISO is out already
            new dev.nixpve.pipeline.steps.Vms(pve.client, new dev.nixpve.proxmox.TaskWaiter(pve.client, pve.clock,
                    pve.clock)).update("pve1", 9100, dev.nixpve.proxmox.model.PveParams.of().put("delete", "ide2"));

            DeployResult rerun = pve.run(false);

            assertEquals(9100, rerun.vmid());
            assertEquals(List.of("9100:" + TEMPLATE + ":template"), pve.guests());
            assertTrue(pve.client.vmConfig("pve1", 9100).tags().contains("verified"));
        }
    }

    @org.junit.jupiter.api.Test
    void recoverAloneRemovesWhatABuildWouldFinish() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            killAtStartOf(pve, StepId.SMOKE_TEST);

            dev.nixpve.pipeline.steps.Recover.Report report = new RecoverRun(pve.client, pve.clock, pve.clock,
                    e -> { }).run(pve.config(List.of()), List.of(pve.config(List.of()).target().single()),
                    dir.resolve("out/state"), false);

            assertEquals(List.of("VM 9100 on pve1 (run " + report.findings().get(0).run()
                    + "): a template its run never verified; removed"), report.findings().stream()
                    .map(dev.nixpve.pipeline.steps.Recover.Finding::line).toList());
            assertEquals(List.of(), pve.guests());
        }
    }

    private static List<String> recovered(PipelineHarness pve) {
        return pve.events.stream().filter(e -> e instanceof LogEvent l && l.message().startsWith("recovered: "))
                .map(e -> ((LogEvent) e).message()).toList();
    }

    /** A run killed as {@code step} starts; the harness then runs normally again. */
    private static void killAtStartOf(PipelineHarness pve, StepId step) {
        pve.dieWhen = e -> e instanceof StepEvent s && s.step() == step && s.status() == StepEvent.Status.STARTED;
        assertThrows(PipelineHarness.Killed.class, () -> pve.run(false), "killed at " + step);
        pve.dieWhen = e -> false;
    }

    /**
     * Where the dead run left something worth finishing: an install its journal saw finish (lost
     * with the state directory), or a template never verified (its tags suffice).
     */
    private static Optional<String> resumable(String where, boolean loseState) {
        if (where.equals("start of " + StepId.FINALIZE) && !loseState) {
            return Optional.of("finalizing it instead of installing again");
        }
        if (where.equals("start of " + StepId.SMOKE_TEST) || where.equals("smoke-test clone just created")) {
            return Optional.of("smoke-testing it again instead of building again");
        }
        return Optional.empty();
    }

    private static Predicate<Event> created(String what) {
        return e -> e instanceof JournalEvent j && j.action() == JournalEvent.Action.CREATED
                && j.what().startsWith(what);
    }
}
