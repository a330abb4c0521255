package dev.nixpve.pipeline;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.StepId;
import dev.nixpve.journal.Resource;
import dev.nixpve.monitor.InstallMonitor;
import dev.nixpve.monitor.InstallOutcome;
import dev.nixpve.pipeline.steps.Adoption;
import dev.nixpve.pipeline.steps.AwaitInstall;
import dev.nixpve.pipeline.steps.CreateInstallerVm;
import dev.nixpve.pipeline.steps.InstallerImage;
import dev.nixpve.pipeline.steps.InstallerVmSpec;
import dev.nixpve.pipeline.steps.Journal;
import dev.nixpve.pipeline.steps.Recover;
import dev.nixpve.pipeline.steps.StartVm;
import dev.nixpve.pipeline.steps.TemplateSpec;
import dev.nixpve.pipeline.steps.UploadIso;
import dev.nixpve.pipeline.steps.VmidAllocator;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.TaskWaiter;
import java.util.List;
import java.util.Optional;

/**
 * How a run comes to an installed, powered-off VM: upload, create, start and watch the install;
 * or, when recovery found one a dead run left of this very build, take that one and skip those
 * steps. A confirmed install is written to the journal, so a kill after it is resumed, not redone.
 */
final class InstallPath {

    /** An installed, powered-off VM (or a template of one) and what the install monitor saw. */
    record Installed(int vmid, InstallOutcome outcome) {
    }

    private final StepRunner steps;
    private final Journal journal;
    private final Vms vms;
    private final TaskWaiter waiter;
    private final InstallMonitor monitor;
    private final EventSink events;

    InstallPath(StepRunner steps, Journal journal, Vms vms, TaskWaiter waiter, InstallMonitor monitor,
                EventSink events) {
        this.steps = steps;
        this.journal = journal;
        this.vms = vms;
        this.waiter = waiter;
        this.monitor = monitor;
        this.events = events;
    }

    /** {@code isoShared}: whether the node's ISO storage is one other nodes see too (preflight read it). */
    Installed install(NodeBuild.Shared run, NodeTarget target, boolean isoShared, VmidAllocator vmids,
                      String created) throws Exception {
        NixpveConfig config = run.config();
        InstallerImage image = run.image();
        String node = target.node();
        String volid = upload(run, target, isoShared);
        int vmid = steps.run(new CreateInstallerVm(vms, vmids, journal, events, node,
                InstallerVmSpec.params(config, target, image, volid, created, run.holder())));
        steps.run(new StartVm(vms, node, vmid));
        InstallOutcome outcome = steps.run(new AwaitInstall(monitor, node, vmid, config.install()));
        if (outcome.confirmed()) {
            journal.installed(new Resource.Vm(node, vmid), TemplateSpec.buildTag(image));
        }
        return new Installed(vmid, outcome);
    }

    Installed resume(Adoption.Adopted adopted) {
        String reason = "finishing VM " + adopted.vmid() + ", which a run that died left "
                + (adopted.stage() == Recover.Stage.INSTALLED ? "installed" : "a template, never verified");
        for (StepId step : List.of(StepId.UPLOAD, StepId.CREATE_VM, StepId.START, StepId.INSTALL)) {
            steps.skip(step, reason);
        }
        return new Installed(adopted.vmid(), new InstallOutcome(true, Optional.empty()));
    }

    /**
     * Uploads the ISO unless the storage has it. Nodes of one run that share an ISO storage (NFS,
     * CephFS) upload one at a time, so one uploads and the others find it there: two uploads of one
     * file could replace it under a node whose installer already booted from it.
     */
    private String upload(NodeBuild.Shared run, NodeTarget target, boolean shared) throws Exception {
        String node = target.node();
        String storage = target.isoStorage();
        String imageName = run.config().image().name();
        synchronized (run.uploadLock(shared ? storage : node + "/" + storage)) {
            Optional<String> present = steps.check(StepId.UPLOAD,
                    () -> UploadIso.existing(vms.client(), node, storage, run.image(), imageName));
            if (present.isPresent()) {
                steps.skip(StepId.UPLOAD, present.get() + " is already on the storage");
                return present.get();
            }
            return steps.run(new UploadIso(vms.client(), waiter, events, vms.retries(), journal, new UploadIso.Target(node, storage,
                    run.image(), imageName)));
        }
    }
}
