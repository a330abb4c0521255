package dev.nixpve.pipeline.steps;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.journal.Resource;
import dev.nixpve.journal.RunLock;
import dev.nixpve.pipeline.steps.Recover.Resumable;
import dev.nixpve.pipeline.steps.Recover.Stage;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.VmConfig;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Settles what recovery left to finish, once the run knows its build: one VM of this very build
 * on this node is taken over (an installed VM is finalized, an unverified template tested again),
 * which saves a whole install; every other is removed, as it would have been had the run built
 * something else. A template must pass the template checks before it is taken over. The taken-over
 * VM gets this run's tag and journal entry at once, so a kill from here on is this run's to
 * recover. Each decision is one "recovered:" line.
 */
public final class Adoption {

    /** The VM this run finishes instead of installing anew, and how far it got. */
    public record Adopted(int vmid, Stage stage, String name) {
    }

    /** The run's node, its build's tag, the boot drive a template of it boots from, and who runs it. */
    public record Build(String node, String buildTag, String bootDrive, RunLock.Holder holder) {
    }

    private final Vms vms;
    private final Journal journal;
    private final DeadJournals deadJournals;
    private final EventSink events;

    /** {@code deadJournals}: the journals of the VMs this and the run's other adoptions settle. */
    public Adoption(Vms vms, Journal journal, DeadJournals deadJournals, EventSink events) {
        this.vms = vms;
        this.journal = journal;
        this.deadJournals = deadJournals;
        this.events = events;
    }

    /**
     * Takes over the first VM that fits {@code build} (none when {@code wanted} is false: the
     * build's template is already current) and removes the rest.
     */
    public Optional<Adopted> settle(List<Resumable> left, Build build, boolean wanted) throws IOException {
        Optional<Adopted> adopted = Optional.empty();
        for (Resumable vm : left) {
            Optional<String> unfit = wanted && adopted.isEmpty() ? unfit(vm, build)
                    : Optional.of(wanted ? "another VM is finished instead" : "this build's template is already current");
            if (unfit.isEmpty()) {
                adopted = Optional.of(adopt(vm, build.holder()));
            } else {
                remove(vm, unfit.get());
            }
        }
        return adopted;
    }

    private Optional<String> unfit(Resumable vm, Build build) {
        if (!vm.vm().node().equals(build.node())) {
            return Optional.of("it is on " + vm.vm().node() + ", this run builds on " + build.node());
        }
        if (!vm.buildTag().equals(build.buildTag())) {
            return Optional.of("it is " + vm.buildTag() + ", this run builds " + build.buildTag());
        }
        if (vm.stage() == Stage.FINALIZED) {
            List<String> problems = TemplateVerifier.problems(config(vm), build.bootDrive(), build.buildTag());
            if (!problems.isEmpty()) {
                return Optional.of("its template checks fail: " + String.join("; ", problems));
            }
        }
        return Optional.empty();
    }

    /** Retags it as this run's, and names this run's holder where the description named the dead one's. */
    private Adopted adopt(Resumable vm, RunLock.Holder holder) throws IOException {
        Resource.Vm ref = vm.vm();
        VmConfig config = config(vm);
        PveParams change = PveParams.of().put("tags", config.tags().without(vm.run().tag())
                .with(journal.run().tag()).param());
        config.get("description").ifPresent(text -> RunLock.Holder.parse(text).ifPresent(dead ->
                change.put("description", text.replace(dead.describe(), holder.describe()))));
        vms.update(ref.node(), ref.vmid(), change);
        journal.adopted(ref, vm.stage() == Stage.INSTALLED ? "installed VM" : TemplateSpec.UNVERIFIED_LABEL,
                () -> vms.destroy(ref.node(), ref.vmid()), Optional.of(() -> vms.markFailed(ref.node(), ref.vmid())));
        deadJournals.settled(vm, "died; its " + ref.describe() + " is finished by run " + journal.run(), true,
                journal.now());
        events.emit(LogEvent.info("recovered: " + ref.describe() + " (run " + vm.run() + "): "
                + (vm.stage() == Stage.INSTALLED ? "its install finished; finalizing it instead of installing again"
                : "a template of this build never verified; smoke-testing it again instead of building again")));
        return new Adopted(ref.vmid(), vm.stage(), config.get("name").orElse(""));
    }

    private void remove(Resumable vm, String why) throws IOException {
        Resource.Vm ref = vm.vm();
        vms.destroy(ref.node(), ref.vmid());
        journal.removed(ref, "recovered " + ref.describe());
        deadJournals.settled(vm, "died; recovered by run " + journal.run(), false, journal.now());
        events.emit(LogEvent.info("recovered: " + ref.describe() + " (run " + vm.run() + "): not finished ("
                + why + "); removed"));
    }

    private VmConfig config(Resumable vm) {
        return vms.client().vmConfig(vm.vm().node(), vm.vm().vmid());
    }
}
