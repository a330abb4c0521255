package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.Journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.RetentionSettings;
import dev.nixpve.event.EventSink;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunJournal;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.pipeline.steps.Retention;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.sim.state.SimStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention against the simulator, per storage type: what tells that a template still has linked
 * clones is the clone's volume id on a directory, and only the build tag on LVM-thin.
 */
class RetentionTest {

    static final String NODE = "pve1";
    static final RetentionSettings KEEP_ONE = new RetentionSettings(1, 5);

    @TempDir
    Path dir;

    PipelineHarness pve;
    Vms vms;
    TaskWaiter waiter;
    Journal journal;

    @BeforeEach
    void start() throws Exception {
        pve = new PipelineHarness(dir);
        synchronized (pve.simulator.cluster()) {
            pve.simulator.cluster().node(NODE).orElseThrow()
                    .addStorage(new SimStorage("vm-dir", "dir", Set.of("images"), 100L << 30));
        }
        waiter = new TaskWaiter(pve.client, pve.clock, pve.clock);
        vms = new Vms(pve.client, waiter);
        journal = new Journal(pve.clock, EventSink.discard(), RunJournal.start(new StateDirectory(dir.resolve("state")),
                RunId.random(), pve.clock, "test"));
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    @Test
    void onLvmThinATemplateWhoseCloneCarriesItsBuildTagStaysAndOneWithoutClonesGoes() {
        fourTemplates(9100, "local-lvm");
        // A clone inherits the template's tags (clone_vm copies them), and nixpve's Terraform module sets build-<id>.
        await(pve.client.cloneVm(NODE, 9100, CloneRequest.linked(9200, "worker")));
        await(pve.client.cloneVm(NODE, 9101, CloneRequest.linked(9201, "untagged")));
        pve.client.setVmConfig(NODE, 9201, PveParams.of().put("delete", "tags"), Optional.empty());

        Retention.Result result = new Retention(pve.client, vms, waiter, journal,
                new Retention.Scope("nixos-base", KEEP_ONE, NODE, "local")).run();

        assertEquals(List.of(9102, 9101), result.removedTemplates(),
                "an untagged thin clone is invisible to the API, and PVE lets its base go");
        assertEquals(List.of("template 9100 (VM 9200 carries its build tag)"), result.spared());
        assertTrue(pve.client.storageContent(NODE, "local-lvm", Optional.empty()).stream()
                .anyMatch(v -> v.volid().equals("local-lvm:vm-9201-disk-0")), "the thin clone keeps its disk");
    }

    @Test
    void onADirectoryALinkedCloneIsKnownByItsVolumeIdEvenWithoutTagsOrWhenItIsATemplateItself() {
        fourTemplates(9110, "vm-dir");
        await(pve.client.cloneVm(NODE, 9110, CloneRequest.linked(9210, "untagged")));
        pve.client.setVmConfig(NODE, 9210, PveParams.of().put("delete", "tags"), Optional.empty());
        await(pve.client.cloneVm(NODE, 9111, CloneRequest.linked(9211, "golden")));
        pve.client.setVmConfig(NODE, 9211, PveParams.of().put("delete", "tags"), Optional.empty());
        await(pve.client.convertToTemplate(NODE, 9211).orElseThrow());

        Retention.Result result = new Retention(pve.client, vms, waiter, journal,
                new Retention.Scope("nixos-base", KEEP_ONE, NODE, "local")).run();

        assertEquals(List.of(9112), result.removedTemplates());
        assertEquals(List.of("template 9111 (VM 9211 is a linked clone of it)",
                "template 9110 (VM 9210 is a linked clone of it)"), result.spared());
    }

    /** Four builds' templates, VMIDs first to first+3, each a minute newer than the one before. */
    private void fourTemplates(int first, String storage) {
        for (int vmid = first; vmid < first + 4; vmid++) {
            pve.clock.advance(Duration.ofMinutes(1));
            await(pve.client.createVm(NODE, vmid, PveParams.of().put("name", "nixos-base-" + vmid)
                    .put("scsi0", storage + ":8").put("tags", "nixpve;nixos;nixos-base;build-" + vmid)));
            await(pve.client.convertToTemplate(NODE, vmid).orElseThrow());
        }
    }

    private void await(Upid upid) {
        new TaskWaiter(pve.client, pve.clock, pve.clock).await(upid, Duration.ofMinutes(5), Duration.ofSeconds(1),
                dev.nixpve.proxmox.model.ResourceRef.task(upid));
    }
}
