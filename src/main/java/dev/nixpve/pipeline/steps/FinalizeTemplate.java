package dev.nixpve.pipeline.steps;

import dev.nixpve.event.StepId;
import dev.nixpve.journal.Resource;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.ResourceRef;
import java.util.List;

/**
 * Turns the installed VM into a template: the ISO comes out (in its own change: PVE refuses to set
 * and delete one key at once), the cloud-init drive, boot order, name, tags and provenance go on,
 * the serial with the build token goes, then PVE converts it and its config is checked. It is not
 * verified yet: that is the smoke test's mark. The journal learns what the VM became, so that a
 * failed run that cannot read the cluster names a template a template.
 */
public final class FinalizeTemplate implements Step<String> {

    private final ProxmoxClient client;
    private final Vms vms;
    private final Journal journal;
    private final String node;
    private final int vmid;
    private final TemplateSpec.Finish finish;
    private final String buildTag;

    /** {@code vm}: the installed VM, which becomes the template. */
    public FinalizeTemplate(ProxmoxClient client, Vms vms, Journal journal, Resource.Vm vm, TemplateSpec.Finish finish,
                            String buildTag) {
        this.client = client;
        this.vms = vms;
        this.journal = journal;
        this.node = vm.node();
        this.vmid = vm.vmid();
        this.finish = finish;
        this.buildTag = buildTag;
    }

    @Override
    public StepId id() {
        return StepId.FINALIZE;
    }

    @Override
    public String run() throws StepFailure {
        vms.update(node, vmid, TemplateSpec.removeIso());
        String smbios = TemplateSpec.withoutSerial(client.vmConfig(node, vmid).get("smbios1").orElse(""));
        vms.update(node, vmid, finish.params(smbios));
        convert();
        List<String> problems = TemplateVerifier.problems(client.vmConfig(node, vmid), finish.bootDrive(), buildTag);
        if (!problems.isEmpty()) {
            throw new StepFailure(StepFailure.Reason.TEMPLATE_CHECK_FAILED, "template " + vmid
                    + " failed verification: " + String.join("; ", problems), ResourceRef.vm(node, vmid));
        }
        return finish.name();
    }

    /** The conversion, and what the VM is after it, as far as PVE said; unknown when it did not say. */
    private void convert() {
        Resource.Vm vm = new Resource.Vm(node, vmid);
        journal.relabel(vm, TemplateSpec.CONVERTING_LABEL);
        try {
            vms.template(node, vmid);
        } catch (PveTaskFailedException e) {
            journal.relabel(vm, CreateInstallerVm.LABEL); // the task ended: PVE did not convert it
            throw e;
        }
        journal.relabel(vm, TemplateSpec.UNVERIFIED_LABEL);
    }

    @Override
    public String summary(String name) {
        return "template " + vmid + " (" + name + "), its config checked";
    }
}
