package dev.nixpve.pipeline.steps;

import dev.nixpve.event.StepId;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.ResourceRef;
import java.util.List;

/**
 * Turns the installed VM into a template: the ISO comes out (in its own change: PVE refuses to set
 * and delete one key at once), the cloud-init drive, boot order, name, tags and provenance go on,
 * the serial with the build token goes, then PVE converts it and its config is checked. It is not
 * verified yet: that is the smoke test's mark.
 */
public final class FinalizeTemplate implements Step<String> {

    private final ProxmoxClient client;
    private final Vms vms;
    private final String node;
    private final int vmid;
    private final TemplateSpec.Finish finish;
    private final String buildTag;

    public FinalizeTemplate(ProxmoxClient client, Vms vms, String node, int vmid, TemplateSpec.Finish finish,
                            String buildTag) {
        this.client = client;
        this.vms = vms;
        this.node = node;
        this.vmid = vmid;
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
        vms.template(node, vmid);
        List<String> problems = TemplateVerifier.problems(client.vmConfig(node, vmid), finish.bootDrive(), buildTag);
        if (!problems.isEmpty()) {
            throw new StepFailure(StepFailure.Reason.TEMPLATE_CHECK_FAILED, "template " + vmid
                    + " failed verification: " + String.join("; ", problems), ResourceRef.vm(node, vmid));
        }
        return finish.name();
    }

    @Override
    public String summary(String name) {
        return "template " + vmid + " (" + name + "), its config checked";
    }
}
