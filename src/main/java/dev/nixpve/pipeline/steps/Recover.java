package dev.nixpve.pipeline.steps;

import dev.nixpve.event.StepId;
import dev.nixpve.journal.JournalFile;
import dev.nixpve.journal.JournalLine;
import dev.nixpve.journal.JournalLine.Kind;
import dev.nixpve.journal.Resource;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveTimeoutException;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.VmConfig;
import dev.nixpve.wait.Poll;
import dev.nixpve.wait.WaitSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cleans up after runs that died: what their journals say they were creating, and what the
 * cluster's tags say they left (so a lost state directory loses nothing). A VM is touched only
 * when it still carries the dead run's tag and no live run holds that run's lock: an installer VM
 * or smoke-test clone is destroyed, a template never marked verified is destroyed (the rerun
 * builds and tests it again), a verified template is kept. An ISO is kept when it is whole: PVE
 * moves an upload into place only after its checksum verified. With --keep-failed, VMs are kept
 * and tagged failed instead. The report has one line per thing found.
 */
public final class Recover implements Step<Recover.Report> {

    /** One thing an earlier run left, what it turned out to be, and what was done about it. */
    public record Finding(Resource resource, RunId run, String found, String did) {
        public String line() {
            return resource.describe() + " (run " + run + "): " + found + "; " + did;
        }
    }

    public record Report(List<Finding> findings) {
    }

    private static final java.util.Set<String> IN_FLIGHT = java.util.Set.of("clone", "create");

    /** Whose leftovers to look for, and whether to keep failed VMs rather than remove them. */
    public record Scope(String imageName, RunId self, boolean keepFailed) {
    }

    private final ProxmoxClient client;
    private final Vms vms;
    private final TaskWaiter waiter;
    private final Journal journal;
    private final StateDirectory state;
    private final Scope scope;

    public Recover(ProxmoxClient client, Vms vms, TaskWaiter waiter, Journal journal, StateDirectory state,
                   Scope scope) {
        this.client = client;
        this.vms = vms;
        this.waiter = waiter;
        this.journal = journal;
        this.state = state;
        this.scope = scope;
    }

    @Override
    public StepId id() {
        return StepId.RECOVER;
    }

    @Override
    public String summary(Report report) {
        return report.findings().isEmpty() ? "nothing left by earlier runs"
                : report.findings().size() + " thing(s) left by earlier runs, each dealt with";
    }

    @Override
    public Report run() throws IOException {
        List<StateDirectory.DeadRun> dead = state.deadRuns();
        Map<Resource, RunId> suspects = new LinkedHashMap<>();
        Map<Resource, Long> isoSizes = new LinkedHashMap<>();
        for (StateDirectory.DeadRun run : dead) {
            unfinished(run.lines(), isoSizes).forEach(r -> suspects.putIfAbsent(r, run.run()));
        }
        leftOnTheCluster().forEach(suspects::putIfAbsent);
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<Resource, RunId> suspect : suspects.entrySet()) {
            Optional<Finding> finding = suspect.getKey() instanceof Resource.Vm vm ? vm(vm, suspect.getValue())
                    : iso((Resource.Volume) suspect.getKey(), suspect.getValue(), isoSizes.get(suspect.getKey()));
            finding.ifPresent(findings::add);
        }
        for (StateDirectory.DeadRun run : dead) {
            try (JournalFile file = JournalFile.append(run.journal())) {
                file.write(new JournalLine(run.run(), journal.now(), Kind.RUN_ENDED, null,
                        "died; recovered by run " + scope.self()));
            }
        }
        return new Report(findings);
    }

    /** What a journal announced or made and never removed, committed or kept. */
    private static List<Resource> unfinished(List<JournalLine> lines, Map<Resource, Long> isoSizes) {
        Map<Resource, Kind> last = new LinkedHashMap<>();
        for (JournalLine line : lines) {
            if (line.resource() == null) {
                continue;
            }
            last.put(line.resource(), line.kind());
            if (line.kind() == Kind.INTENT && line.resource() instanceof Resource.Volume && line.detail() != null) {
                isoSizes.put(line.resource(), sizeIn(line.detail()));
            }
        }
        return last.entrySet().stream().filter(e -> e.getValue() == Kind.INTENT || e.getValue() == Kind.CREATED
                || e.getValue() == Kind.LEFT_BEHIND).map(Map.Entry::getKey).toList();
    }

    /** This image's VMs that carry the tag of a run that is not alive, and are not kept or verified. */
    private Map<Resource, RunId> leftOnTheCluster() throws IOException {
        Map<Resource, RunId> left = new LinkedHashMap<>();
        for (ClusterResource guest : client.resources(Optional.of("vm"))) {
            if (!guest.isQemuGuest() || guest.node().isEmpty() || guest.vmid().isEmpty()
                    || !guest.tags().contains(TemplateSpec.TAG) || !guest.tags().contains(scope.imageName())
                    || guest.tags().contains(TemplateSpec.FAILED_TAG)
                    || guest.tags().contains(TemplateSpec.VERIFIED_TAG)) {
                continue;
            }
            Optional<RunId> run = guest.tags().stream().map(RunId::fromTag).flatMap(Optional::stream).findFirst();
            if (run.isPresent() && !run.get().equals(scope.self()) && !state.isLive(run.get())) {
                left.put(new Resource.Vm(guest.node().get(), guest.vmid().get()), run.get());
            }
        }
        return left;
    }

    private Optional<Finding> vm(Resource.Vm vm, RunId run) throws IOException {
        if (run.equals(scope.self()) || state.isLive(run)) {
            return Optional.empty();
        }
        Optional<VmConfig> read = config(vm);
        if (read.isPresent() && read.get().get("lock").filter(IN_FLIGHT::contains).isPresent()) {
            read = awaitUnlocked(vm); // PVE goes on with a create or clone its caller died waiting for
        }
        if (read.isEmpty()) {
            return Optional.of(new Finding(vm, run, "not on the cluster", "nothing to do"));
        }
        VmConfig config = read.get();
        if (!config.tags().contains(run.tag())) {
            return Optional.of(new Finding(vm, run, "the VMID now belongs to a VM of no dead run", "left alone"));
        }
        TemplateStatus status = config.isTemplate() ? TemplateStatus.of(config.tags()) : null;
        if (status == TemplateStatus.VERIFIED || config.tags().contains(TemplateSpec.FAILED_TAG)) {
            return Optional.of(new Finding(vm, run, status == TemplateStatus.VERIFIED ? "a verified template"
                    : "kept for inspection (tagged failed)", "kept"));
        }
        String what = config.isTemplate() ? "a template its run never verified"
                : config.tags().contains(SmokeTest.SMOKE_TAG) ? "a smoke-test clone" : "an installer VM";
        if (scope.keepFailed()) {
            vms.markFailed(vm.node(), vm.vmid());
            journal.kept(vm, "recovered " + vm.describe());
            return Optional.of(new Finding(vm, run, what, "kept, tagged failed (--keep-failed)"));
        }
        vms.destroy(vm.node(), vm.vmid());
        journal.removed(vm, "recovered " + vm.describe());
        return Optional.of(new Finding(vm, run, what, "removed"));
    }

    private Optional<VmConfig> config(Resource.Vm vm) {
        try {
            return Optional.of(client.vmConfig(vm.node(), vm.vmid()));
        } catch (PveApiException e) {
            if (e.kind() == PveApiException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A VM locked 'clone' or 'create' is still being made by a task that outlived its caller; until
     * it ends, its config holds only the lock (no tags to tell whose it is), so recovery waits.
     */
    private Optional<VmConfig> awaitUnlocked(Resource.Vm vm) {
        WaitSpec spec = new WaitSpec(vm.describe() + " to be made (its create or clone task is running)",
                Vms.CLONE, Vms.POLL);
        try {
            return waiter.poller().await(spec, () -> {
                Optional<VmConfig> now = config(vm);
                return now.isEmpty() || now.get().get("lock").filter(IN_FLIGHT::contains).isEmpty()
                        ? Poll.done(now) : Poll.notYet("locked " + now.get().get("lock").orElse(""));
            }).orElseThrow(seen -> new PveTimeoutException(spec, seen, ResourceRef.vm(vm.node(), vm.vmid())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PveTimeoutException(spec, "interrupted", ResourceRef.vm(vm.node(), vm.vmid()));
        }
    }

    private Optional<Finding> iso(Resource.Volume volume, RunId run, Long expectedSize) {
        Optional<StorageVolume> found = client.storageContent(volume.node(), volume.storage(), Optional.of("iso"))
                .stream().filter(v -> v.volid().equals(volume.volid())).findFirst();
        if (found.isEmpty()) {
            return Optional.of(new Finding(volume, run, "an upload that never arrived", "nothing to do"));
        }
        if (expectedSize != null && found.get().size() == expectedSize) {
            return Optional.of(new Finding(volume, run, "a whole ISO (PVE verified its checksum)", "kept for reuse"));
        }
        client.deleteVolume(volume.node(), volume.storage(), volume.volid()).ifPresent(u -> waiter.await(u, Vms.QUICK,
                Vms.POLL, ResourceRef.storage(volume.node(), volume.storage())));
        journal.removed(volume, "recovered " + volume.describe());
        return Optional.of(new Finding(volume, run, "an ISO of the wrong size", "removed"));
    }

    private static Long sizeIn(String detail) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("of (\\d+) bytes").matcher(detail);
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }
}
