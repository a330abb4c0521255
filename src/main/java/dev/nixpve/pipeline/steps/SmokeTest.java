package dev.nixpve.pipeline.steps;

import dev.nixpve.event.StepId;
import dev.nixpve.journal.Resource;
import dev.nixpve.journal.RunId;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.model.Tags;
import dev.nixpve.wait.Poller;
import dev.nixpve.wait.WaitSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Proves the template works the way Terraform will use it: a full clone with a cloud-init user,
 * key and DHCP boots and its guest agent reports an IPv4 address. The clone is destroyed after,
 * and the template gets the verified tag, last: now it may be current. The mark is this step's,
 * so a failure to write it is the smoke test's, not a step that already passed.
 */
public final class SmokeTest implements Step<SmokeTest.Result> {

    static final Duration POLL = Duration.ofSeconds(5);
    /** A NixOS guest's agent answers a few seconds into its boot: look after 1 s, then 2, 4, then every 5. */
    static final Duration FIRST_LOOK = Duration.ofSeconds(1);
    public static final String SMOKE_TAG = "smoke-test";
    static final String LABEL = "smoke-test clone";

    /** What the smoke test saw. */
    /** {@code cloneLeft}: why the clone could not be removed, when it could not. */
    public record Result(int cloneVmid, String ipv4, Duration bootTime, Optional<String> cloneLeft) {
    }

    /**
     * Which template to clone (on {@code node}), where the clone goes ({@code cloneNode}: another node
     * proves a template on shared storage serves it), and how long it may take to answer.
     */
    public record Plan(String node, int template, String templateName, String cloneNode, String diskStorage,
                       String bridge, Duration timeout) {

        boolean elsewhere() {
            return !cloneNode.equals(node);
        }
    }

    private final Vms vms;
    private final Poller poller;
    private final Journal journal;
    private final VmidAllocator vmids;
    private final Plan plan;
    private final Tags tags;

    public SmokeTest(Vms vms, Poller poller, Journal journal, VmidAllocator vmids, Plan plan, Tags cloneTags) {
        this.vms = vms;
        this.poller = poller;
        this.journal = journal;
        this.vmids = vmids;
        this.plan = plan;
        this.tags = cloneTags;
    }

    /** What a smoke-test clone is, for people and for recovery: nixpve's, a smoke test, which image and run. */
    public static Tags cloneTags(String imageName, RunId run) {
        return Tags.of(TemplateSpec.TAG, SMOKE_TAG, imageName, run.tag());
    }

    @Override
    public StepId id() {
        return StepId.SMOKE_TEST;
    }

    @Override
    public Result run() throws Exception {
        // A clone onto another node runs on the template's node and moves there at its end; it is
        // journaled where it ends, and recovery's scan of the cluster finds it wherever a crash left it.
        String node = plan.cloneNode();
        int clone = vmids.claim(id -> {
            Resource.Vm vm = new Resource.Vm(node, id);
            journal.intent(vm, LABEL);
            CloneRequest request = CloneRequest.full(id, plan.templateName() + "-smoke", plan.diskStorage());
            try {
                vms.cloneFrom(plan.node(), plan.template(), plan.elsewhere() ? request.onto(node) : request);
            } catch (RuntimeException e) {
                VmidAllocator.journalIfTaken(e, journal, vm);
                throw e;
            }
            journal.created(vm, LABEL, () -> vms.destroy(node, id), Optional.of(() -> vms.markFailed(node, id)));
        });
        // A clone inherits the template's tags; it is tagged as what it is before anything else.
        vms.update(node, clone, PveParams.of()
                .put("tags", tags.param())
                .put("ciuser", "nixpve-smoke")
                .put("sshkeys", ThrowawayKey.sshkeysParam())
                .put("ipconfig0", "ip=dhcp"));
        Instant start = poller.clock().instant();
        vms.start(node, clone);
        WaitSpec spec = new WaitSpec("the smoke-test clone VM " + clone + " to report an IPv4 address through its "
                + "guest agent", plan.timeout(), POLL).backingOffFrom(FIRST_LOOK);
        String ip = poller.await(spec, () -> vms.lookForIpv4(node, clone)).orElseThrow(seen -> new StepFailure(
                StepFailure.Reason.SMOKE_TEST_NO_ADDRESS, "the smoke-test clone VM " + clone + " on bridge "
                        + plan.bridge() + " did not report an IPv4 address through its guest agent within "
                        + plan.timeout().toMinutes() + "m (verify.timeout)"
                        + (seen.equals(Vms.NO_ADDRESS) ? "" : "; the last look: " + seen),
                ResourceRef.vm(node, clone)));
        Duration bootTime = Duration.between(start, poller.clock().instant());
        Optional<String> cloneLeft = removed(node, clone);
        vms.addTags(plan.node(), plan.template(), TemplateSpec.VERIFIED_TAG);
        journal.relabel(new Resource.Vm(plan.node(), plan.template()), TemplateSpec.VERIFIED_LABEL);
        return new Result(clone, ip, bootTime, cloneLeft);
    }

    /**
     * Removes the clone, the test passed: a removal that fails even after its retries must not
     * cost the template, so the clone is reported as left, for a person or the next run's
     * recovery (it carries this run's tag), and the run goes on to publish.
     */
    private Optional<String> removed(String node, int clone) {
        Resource.Vm vm = new Resource.Vm(node, clone);
        try {
            journal.release(vm);
            return Optional.empty();
        } catch (Exception e) {
            String why = e.getMessage();
            // It may still run (its stop is what failed), and PVE destroys no running VM; a stop of a
            // stopped one does nothing (qemu-server QemuServer.pm _do_vm_stop returns without a pid).
            journal.kept(vm, LABEL + " VM " + clone + " on " + node + " (could not be removed: " + why
                    + "; remove it with 'qm stop " + clone + " && qm destroy " + clone + " --purge')");
            return Optional.of(why);
        }
    }

    @Override
    public String summary(Result r) {
        return "clone " + r.cloneVmid() + (plan.elsewhere() ? " on " + plan.cloneNode() : "") + " booted, IPv4 "
                + r.ipv4() + " after " + r.bootTime().toSeconds() + "s; "
                + r.cloneLeft().map(why -> "clone LEFT on Proxmox VE (could not be removed)").orElse("clone removed");
    }
}
