package dev.nixpve.pipeline.steps;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.StepId;
import dev.nixpve.journal.Resource;
import dev.nixpve.proxmox.model.PveParams;
import java.util.Optional;

/**
 * Creates the installer VM under the first free VMID of the range. Each attempt is in the journal
 * before the call, and the VM carries the run's tag, so a run killed mid-create leaves a record
 * the next run can act on, and the cluster itself says whose VM it is.
 */
public final class CreateInstallerVm implements Step<Integer> {

    /** The journal's word for it; shown plainly as "VM 9100 on pve1", the installer VM is the run's main VM. */
    static final String LABEL = "installer VM";

    private final Vms vms;
    private final VmidAllocator vmids;
    private final Journal journal;
    private final EventSink events;
    private final String node;
    private final PveParams params;

    public CreateInstallerVm(Vms vms, VmidAllocator vmids, Journal journal, EventSink events, String node,
                             PveParams params) {
        this.vms = vms;
        this.vmids = vmids;
        this.journal = journal;
        this.events = events;
        this.node = node;
        this.params = params;
    }

    @Override
    public StepId id() {
        return StepId.CREATE_VM;
    }

    @Override
    public Integer run() throws Exception {
        return vmids.claim(id -> {
            Resource.Vm vm = new Resource.Vm(node, id);
            journal.intent(vm, LABEL);
            try {
                vms.create(node, id, params);
            } catch (RuntimeException e) {
                VmidAllocator.journalIfTaken(e, journal, vm);
                throw e;
            }
            journal.created(vm, "", () -> vms.destroy(node, id), Optional.of(() -> {
                vms.markFailed(node, id);
                events.emit(LogEvent.warn("kept the failed VM " + id + " on " + node + " for inspection "
                        + "(tagged failed); remove it with 'qm destroy " + id + " --purge' when done"));
            }));
        });
    }

    @Override
    public String summary(Integer vmid) {
        return "VM " + vmid + " (" + params.asMap().getOrDefault("name", "") + ") on " + node;
    }
}
