package dev.nixpve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.monitor.InstallFailedException;
import dev.nixpve.nix.BuiltIso;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.RenderedTree;
import dev.nixpve.pipeline.steps.TemplateSpec;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.VmConfig;
import dev.nixpve.cli.demo.StandInIsoBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline against the simulator: the happy path, re-runs, and each step's failure with its cleanup. */
class BuildAndDeployTest {

    @TempDir
    Path dir;

    @Test
    void buildsVerifiesSmokeTestsAndPublishesATemplate() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            DeployResult result = pve.run(false);

            VmConfig template = pve.client.vmConfig("pve1", result.vmid());
            assertTrue(template.isTemplate());
            assertEquals(9100, result.vmid());
            assertEquals("nixos-base-3f2a9c1b", result.templateName());
            assertTrue(template.tags().values().containsAll(List.of("nixpve", "nixos", "nixos-base", "build-3f2a9c1b7d4e",
                    "verified")), template.tags().toString());
            assertTrue(template.tags().stream().anyMatch(t -> t.matches("run-[0-9a-f]{12}")),
                    "the run that built it: " + template.tags());
            assertTrue(template.tags().stream().anyMatch(t -> t.matches("created-20261123t\\d{6}z")),
                    "a created tag Terraform's lookup by tag sorts on: " + template.tags());
            assertTrue(template.get("ide2").orElseThrow().startsWith("local-lvm:vm-9100-cloudinit"));
            assertEquals("order=scsi0", template.get("boot").orElseThrow());
            assertFalse(template.get("smbios1").orElseThrow().contains("serial"), "the build token stays off clones");
            assertTrue(template.get("description").orElseThrow().contains(pve.buildId));
            assertTrue(result.smokeTestIpv4().isPresent());
            assertEquals(List.of("9100:nixos-base-3f2a9c1b:template"), pve.guests(), "the smoke-test clone is gone");

            JsonNode manifest = new ObjectMapper().readTree(dir.resolve("out/templates.json").toFile());
            assertEquals("current", manifest.at("/templates/0/status").asText());
            assertEquals(9100, manifest.at("/templates/0/vmid").asInt());
            JsonNode tfvars = new ObjectMapper().readTree(dir.resolve("out/template.auto.tfvars.json").toFile());
            assertEquals("nixos-base", tfvars.get("image_name").asText());
            assertEquals(9100, tfvars.at("/templates/pve1/vm_id").asInt());
            assertEquals("nixos-base-3f2a9c1b", tfvars.at("/templates/pve1/name").asText());
            assertEquals("local-lvm", tfvars.at("/templates/pve1/datastore").asText());
            assertEquals("scsi0", tfvars.at("/templates/pve1/disk_interface").asText());
            assertEquals(pve.buildId, tfvars.at("/templates/pve1/build_id").asText());
            assertEquals(20, tfvars.at("/templates/pve1/disk_gb").asInt());
            assertFalse(tfvars.has("proxmox_node"), "where VMs run is the user's setting");
            JsonNode report = new ObjectMapper().readTree(dir.resolve("out/build-report.json").toFile());
            assertEquals("succeeded", report.get("outcome").asText());
            assertEquals(List.of("preflight", "recover", "render", "build-iso", "upload", "create-vm", "start", "install",
                    "finalize", "smoke-test", "retention", "publish"), stepNames(report));
            assertTrue(pve.events.stream().anyMatch(e -> e instanceof dev.nixpve.event.InstallPhaseEvent p
                    && p.phase().equals("done")));
        }
    }

    @Test
    void theTemplateKeepsAnSmbiosUuidOfItsOwn() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            DeployResult result = pve.run(false);

            String smbios1 = pve.client.vmConfig("pve1", result.vmid()).get("smbios1").orElse("");
            assertTrue(smbios1.matches("uuid=[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"),
                    "PVE generates no uuid when smbios1 is given at create, so nixpve gives one: " + smbios1);
        }
    }

    @Test
    void theCreatedTagSortsAsTextInTimeOrder() {
        assertEquals("created-20261123t101530z",
                TemplateSpec.createdTag(Instant.parse("2026-11-23T10:15:30.5Z")));
        assertTrue(TemplateSpec.createdTag(Instant.parse("2026-12-01T00:00:00Z"))
                .compareTo(TemplateSpec.createdTag(
                        Instant.parse("2026-11-30T23:59:59Z"))) > 0);
    }

    @Test
    void aSecondRunWithTheSameInputsCreatesNothing() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            DeployResult first = pve.run(false);
            int writesBefore = pve.writes().size();
            DeployResult second = pve.run(false);

            assertTrue(second.reused());
            assertEquals(first.vmid(), second.vmid());
            assertEquals(writesBefore, pve.writes().size(), "no write call on an unchanged re-run");
            assertTrue(second.steps().stream().anyMatch(s -> s.step() == dev.nixpve.event.StepId.CREATE_VM
                    && s.outcome() == StepRecord.Outcome.SKIPPED));
        }
    }

    @Test
    void aRerunRightAfterFinalizeFindsTheTemplateThoughClusterResourcesStillLag() throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), "verify:\n  smokeTest: false\n");
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            DeployResult first = pve.run(false);
            DeployResult second = pve.run(false);

            assertTrue(second.reused(), "the template is found by its config, not pvestatd's 10 s old sample");
            assertEquals(first.vmid(), second.vmid());
        }
    }

    @Test
    void nixpkgsIsPinnedBeforeTheBuildIdSoARerunFindsTheSameTemplate() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            LockingBuilder locking = new LockingBuilder("1111111111111111111111111111111111111111");
            pve.builder = locking;
            DeployResult first = pve.run(false);
            DeployResult second = pve.run(false);

            assertEquals(1, locking.locks, "locked once; the second run keeps out/tree/flake.lock");
            assertTrue(second.reused(), "the lock did not change the build id");
            assertEquals(first.image().buildId(), second.image().buildId());
            assertFalse(first.image().buildId().equals(pve.buildId), "the id covers the lock");

            DeployResult sameRevision = pve.run(false, true);
            assertEquals(2, locking.locks, "--update-nixpkgs locks again");
            assertTrue(sameRevision.reused(), "the branch did not move: nothing to do");

            locking.revision = "2222222222222222222222222222222222222222";
            DeployResult moved = pve.run(false, true);
            assertFalse(moved.reused(), "a newer nixpkgs is a new build");
            assertFalse(moved.image().buildId().equals(first.image().buildId()));
        }
    }

    /** The stand-in builder, plus a lock step that writes a flake.lock naming {@code revision}. */
    static final class LockingBuilder implements IsoBuilder {
        private final StandInIsoBuilder standIn = new StandInIsoBuilder();
        String revision;
        int locks;

        LockingBuilder(String revision) {
            this.revision = revision;
        }

        @Override
        public void createLock(RenderedTree tree, EventSink events) {
            locks++;
            try {
                Files.writeString(tree.directory().resolve("flake.lock"), "{\"nodes\":{\"nixpkgs\":{\"locked\":"
                        + "{\"rev\":\"" + revision + "\"}},\"root\":{\"inputs\":{\"nixpkgs\":\"nixpkgs\"}}},"
                        + "\"root\":\"root\",\"version\":7}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public BuiltIso build(RenderedTree tree, Path outDir,
                                             EventSink events) {
            return standIn.build(tree, outDir, events);
        }

        @Override
        public String describe() {
            return "locking stand-in";
        }
    }

    @Test
    void aChangedBuildMakesANewTemplateAndKeepsTheOldOne() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            DeployResult first = pve.run(false);
            pve.buildId = "aa" + pve.buildId.substring(2);
            DeployResult second = pve.run(false);

            assertFalse(second.reused());
            assertEquals(List.of(first.vmid() + ":" + first.templateName() + ":template",
                    second.vmid() + ":" + second.templateName() + ":template"), pve.guests());
            JsonNode manifest = new ObjectMapper().readTree(dir.resolve("out/templates.json").toFile());
            assertEquals("superseded", manifest.at("/templates/1/status").asText());
        }
    }

    @Test
    void templatesOnTwoNodesGiveTerraformAMapOfVmids() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            DeployResult onPve1 = pve.run(false);
            Files.writeString(dir.resolve("nixpve.yaml"), "target:\n  node: pve2\n");
            DeployResult onPve2 = pve.run(false);

            JsonNode tfvars = new ObjectMapper().readTree(dir.resolve("out/template.auto.tfvars.json").toFile());
            assertFalse(tfvars.has("proxmox_node"), "a run on pve2 does not move VMs there");
            assertEquals(onPve1.vmid(), tfvars.at("/templates/pve1/vm_id").asInt());
            assertEquals(onPve2.vmid(), tfvars.at("/templates/pve2/vm_id").asInt());
            JsonNode manifest = new ObjectMapper().readTree(dir.resolve("out/templates.json").toFile());
            assertEquals("current", manifest.at("/templates/0/status").asText());
            assertEquals("current", manifest.at("/templates/1/status").asText(), "a template per node stays current");
        }
    }

    @Test
    void retentionRemovesTheOlderTemplateAndItsIso() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            Files.writeString(dir.resolve("nixpve.yaml"), "retention:\n  templates: 1\n  isos: 1\n");
            DeployResult first = pve.run(false);
            pve.buildId = "aa" + pve.buildId.substring(2);
            pve.clock.advance(java.time.Duration.ofMinutes(5));
            DeployResult second = pve.run(false);

            assertEquals(List.of(second.vmid() + ":" + second.templateName() + ":template"), pve.guests());
            assertEquals(1, pve.client.storageContent("pve1", "local", java.util.Optional.of("iso")).size());
            JsonNode manifest = new ObjectMapper().readTree(dir.resolve("out/templates.json").toFile());
            assertEquals("removed", manifest.at("/templates/1/status").asText());
            assertEquals(first.vmid(), manifest.at("/templates/1/vmid").asInt());
        }
    }

    @Test
    void aFailedInstallRemovesTheInstallerVmAndSaysWhy() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir, "install-fail=format")) {
            PipelineException failure = assertThrows(PipelineException.class, () -> pve.run(false));

            assertEquals("install", failure.step());
            InstallFailedException cause = (InstallFailedException) failure.getCause();
            assertFalse(cause.logTail().isEmpty(), "the installer's log tail comes along");
            assertEquals(List.of(), pve.guests(), "nothing is left on PVE");
            assertEquals(JournalEvent.Action.REMOVED, failure.cleanup().get(0).action());
            assertTrue(failure.cleanup().get(0).what().startsWith("VM 9100"));
            JsonNode report = new ObjectMapper().readTree(dir.resolve("out/build-report.json").toFile());
            assertEquals("failed", report.get("outcome").asText());
        }
    }

    @Test
    void aLockedInstallerVmFailsItsStartTaskAndCleanupLeavesItBehindSayingWhy() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir, "lock=9100:backup")) {
            PipelineException failure = assertThrows(PipelineException.class, () -> pve.run(false));

            assertEquals("start", failure.step());
            PveTaskFailedException cause = (PveTaskFailedException) failure.getCause();
            assertEquals("VM is locked (backup)", cause.exitStatus(), "PVE checks the lock inside the start task");
            JournalEvent.Action action = failure.cleanup().get(0).action();
            assertEquals(JournalEvent.Action.LEFT_BEHIND, action);
            assertTrue(failure.cleanup().get(0).what().contains("VM is locked (backup)"),
                    "the destroy task's exit status: " + failure.cleanup().get(0).what());
        }
    }

    @Test
    void keepFailedKeepsTheInstallerVmTaggedFailed() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir, "install-fail=install")) {
            PipelineException failure = assertThrows(PipelineException.class, () -> pve.run(true));

            assertEquals(JournalEvent.Action.KEPT, failure.cleanup().get(0).action());
            VmConfig kept = pve.client.vmConfig("pve1", 9100);
            assertTrue(kept.tags().values().containsAll(List.of("nixpve", "failed")), kept.tags().toString());
            assertFalse(pve.client.vmStatus("pve1", 9100).running());
        }
    }

    @Test
    void preflightReportsEveryProblemBeforeCreatingAnything() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            Files.writeString(dir.resolve("nixpve.yaml"), "target:\n  bridge: vmbr9\n  diskStorage: local\n");
            PipelineException failure = assertThrows(PipelineException.class, () -> pve.run(false));

            assertEquals("preflight", failure.step());
            String message = failure.getCause().getMessage();
            assertTrue(message.contains("bridge 'vmbr9' (target.bridge) does not exist"), message);
            assertTrue(message.contains("'local' (target.diskStorage) is of type dir"), message);
            assertEquals(List.of(), pve.writes());
        }
    }

    @Test
    void eachFailingPveTaskIsCleanedUp() throws Exception {
        for (String task : List.of("qmcreate", "qmstart", "qmtemplate", "imgcopy")) {
            try (PipelineHarness pve = new PipelineHarness(dir.resolve(task), "task-fail=" + task)) {
                Files.createDirectories(dir.resolve(task));
                PipelineException failure = assertThrows(PipelineException.class, () -> pve.run(false), task);

                assertTrue(failure.getCause() instanceof PveTaskFailedException, task + ": " + failure.getCause());
                assertEquals(List.of(), pve.guests(), task + ": nothing left behind");
            }
        }
    }

    @Test
    void aFailedSmokeTestKeepsTheTemplateTaggedFailedAndUnpublished() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir, "task-fail=qmclone")) {
            PipelineException failure = assertThrows(PipelineException.class, () -> pve.run(false));

            assertEquals("smoke-test", failure.step());
            VmConfig template = pve.client.vmConfig("pve1", 9100);
            assertTrue(template.isTemplate());
            assertTrue(template.tags().contains("failed"));
            assertFalse(Files.exists(dir.resolve("out/template.auto.tfvars.json")), "not given to Terraform");
            JsonNode manifest = new ObjectMapper().readTree(dir.resolve("out/templates.json").toFile());
            assertEquals("failed", manifest.at("/templates/0/status").asText());
            assertEquals(9100, manifest.at("/templates/0/vmid").asInt());
        }
    }

    private static List<String> stepNames(JsonNode report) {
        List<String> names = new java.util.ArrayList<>();
        report.get("steps").forEach(s -> names.add(s.get("step").asText()));
        return names;
    }
}
