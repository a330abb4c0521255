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
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.model.Tags;
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
 * when it still carries the dead run's tag and no live run holds that run's lock: a smoke-test
 * clone or an unfinished installer VM is destroyed, a verified template is kept. Two things are
 * worth finishing rather than building again, so a build run ({@link Scope#resume}) leaves them
 * for {@link Adoption} once it knows its build: a template never marked verified (its build tag
 * says which build it is) and a powered-off installer VM whose install the journal says finished.
 * An ISO is kept when it is whole: PVE moves an upload into place only after its checksum
 * verified. With --keep-failed, VMs are kept and tagged failed instead. The report has one line
 * per thing found.
 */
public final class Recover implements Step<Recover.Report> {

    /** One thing an earlier run left, what it turned out to be, and what was done about it. */
    public record Finding(Resource resource, RunId run, String found, String did) {
        public String line() {
            return resource.describe() + " (run " + run + "): " + found + "; " + did;
        }
    }

    /** What a dead run left that the rerun may finish, once it knows it builds the same thing. */
    public enum Stage {
        /** Installed and powered off: finalize it. */
        INSTALLED,
        /** A template never verified: check and smoke-test it. */
        FINALIZED
    }

    /** A VM left for {@link Adoption}; {@code journal} is the dead run's, closed once it is dealt with. */
    public record Resumable(Resource.Vm vm, RunId run, Stage stage, String buildTag, Optional<java.nio.file.Path> journal) {
    }

    public record Report(List<Finding> findings, List<Resumable> resumable) {
    }

    private static final java.util.Set<String> IN_FLIGHT = java.util.Set.of("clone", "create");

    /**
     * Whose leftovers to look for, whether to keep failed VMs rather than remove them, and whether
     * the caller goes on to build (and may finish what a dead run left) or only cleans up. The
     * VMID ranges are where a clone or create still running, whose config has no tags yet, may be ours.
     */
    public record Scope(String imageName, List<dev.nixpve.config.VmidRange> vmids, RunId self, boolean keepFailed,
                        boolean resume) {

        public Scope {
            vmids = List.copyOf(vmids);
        }

        /** The VMID ranges of the run's nodes: where a clone or create in flight may be a dead run's. */
        boolean inRange(int vmid) {
            return vmids.stream().anyMatch(range -> range.contains(vmid));
        }
    }

    private final ProxmoxClient client;
    private final ForeignRuns foreign;
    private final Vms vms;
    private final TaskWaiter waiter;
    private final Journal journal;
    private final StateDirectory state;
    private final Scope scope;

    public Recover(ForeignRuns foreign, Vms vms, TaskWaiter waiter, Journal journal, StateDirectory state,
                   Scope scope) {
        this.client = vms.client();
        this.foreign = foreign;
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
        Map<Resource, StateDirectory.DeadRun> journaled = new LinkedHashMap<>();
        Map<Resource, Long> isoSizes = new LinkedHashMap<>();
        Map<Resource, String> installed = new LinkedHashMap<>();
        for (StateDirectory.DeadRun run : dead) {
            unfinished(run.lines(), isoSizes, installed).forEach(r -> journaled.putIfAbsent(r, run));
        }
        Map<Resource, RunId> suspects = new LinkedHashMap<>();
        journaled.forEach((resource, run) -> suspects.put(resource, run.run()));
        List<Finding> findings = new ArrayList<>();
        leftOnTheCluster(findings).forEach(suspects::putIfAbsent);
        List<Resumable> resumable = new ArrayList<>();
        java.util.Set<java.nio.file.Path> unreached = new java.util.HashSet<>();
        for (Map.Entry<Resource, RunId> suspect : suspects.entrySet()) {
            try {
                if (suspect.getKey() instanceof Resource.Vm vm) {
                    Optional<java.nio.file.Path> file = Optional.ofNullable(journaled.get(vm))
                            .map(StateDirectory.DeadRun::journal);
                    Left left = new Left(vm, suspect.getValue(), Optional.ofNullable(installed.get(vm)), file);
                    vm(left, resumable::add).ifPresent(findings::add);
                } else {
                    Resource.Volume volume = (Resource.Volume) suspect.getKey();
                    iso(volume, suspect.getValue(), isoSizes.get(volume)).ifPresent(findings::add);
                }
            } catch (PveApiException e) {
                if (e.kind() != PveApiException.Kind.PROXY) {
                    throw e;
                }
                // Its node is down (PVE cannot proxy to it): nothing can be done there now, and
                // nothing else need wait for it. Its run's journal stays open for a later run.
                Optional.ofNullable(journaled.get(suspect.getKey())).map(StateDirectory.DeadRun::journal)
                        .ifPresent(unreached::add);
                findings.add(new Finding(suspect.getKey(), suspect.getValue(), "on a node that does not answer ("
                        + e.getMessage() + ")", "left for a later run"));
            }
        }
        for (StateDirectory.DeadRun run : dead) {
            if (!unreached.contains(run.journal())
                    && resumable.stream().noneMatch(r -> r.journal().filter(run.journal()::equals).isPresent())) {
                end(run.journal(), run.run(), journal.now(), "died; recovered by run " + scope.self());
            }
        }
        return new Report(findings, resumable);
    }

    /** Closes a dead run's journal, so no later recovery reads it again. */
    static void end(java.nio.file.Path file, RunId run, java.time.Instant at, String why) throws IOException {
        try (JournalFile out = JournalFile.append(file)) {
            out.write(new JournalLine(run, at, Kind.RUN_ENDED, null, why));
        }
    }

    /** A VM a dead run left: whose, whether its journal says its install finished (for which build), which journal. */
    private record Left(Resource.Vm vm, RunId run, Optional<String> installedBuild,
                        Optional<java.nio.file.Path> journal) {
    }

    /** What a journal announced or made and never removed, committed or kept; and which installs finished. */
    private static List<Resource> unfinished(List<JournalLine> lines, Map<Resource, Long> isoSizes,
                                             Map<Resource, String> installed) {
        Map<Resource, Kind> last = new LinkedHashMap<>();
        for (JournalLine line : lines) {
            if (line.resource() == null) {
                continue;
            }
            last.put(line.resource(), line.kind());
            if (line.kind() == Kind.INTENT && line.resource() instanceof Resource.Volume && line.detail() != null) {
                isoSizes.put(line.resource(), sizeIn(line.detail()));
            }
            if (line.kind() == Kind.INSTALLED && line.detail() != null) {
                installed.put(line.resource(), line.detail());
            }
        }
        return last.entrySet().stream().filter(e -> UNFINISHED.contains(e.getValue())).map(Map.Entry::getKey)
                .toList();
    }

    private static final java.util.Set<Kind> UNFINISHED = java.util.EnumSet.of(Kind.INTENT, Kind.CREATED,
            Kind.INSTALLED, Kind.ADOPTED, Kind.LEFT_BEHIND);

    /**
     * This image's VMs that carry the tag of a run that is not alive, and are not kept or verified;
     * those of another machine's run that may be alive are left alone, each a finding in {@code elsewhere}.
     * A clone or create still running in our VMID range has no tags yet (PVE writes a config of
     * only its lock until the task ends): it is waited for, then judged by the tags it ends with.
     */
    private Map<Resource, RunId> leftOnTheCluster(List<Finding> elsewhere) throws IOException {
        Map<Resource, RunId> left = new LinkedHashMap<>();
        for (ClusterResource guest : client.resources(Optional.of("vm"))) {
            if (!guest.isQemuGuest() || guest.node().isEmpty() || guest.vmid().isEmpty()) {
                continue;
            }
            Resource.Vm vm = new Resource.Vm(guest.node().get(), guest.vmid().get());
            Tags tags = guest.tags();
            if (tags.isEmpty() && guest.lock().filter(IN_FLIGHT::contains).isPresent()
                    && scope.inRange(vm.vmid())) {
                Optional<VmConfig> made = awaitUnlocked(vm);
                tags = made.map(VmConfig::tags).orElse(Tags.none());
            }
            if (!ForeignRuns.inTheMaking(tags, scope.imageName())) {
                continue;
            }
            Optional<RunId> run = ForeignRuns.runOf(tags);
            if (run.isEmpty() || run.get().equals(scope.self()) || state.isLive(run.get())) {
                continue;
            }
            Optional<ForeignRuns.Seen> alive = foreign.alive(guest, run.get(), journal.now());
            if (alive.isPresent()) {
                elsewhere.add(new Finding(vm, run.get(), "a VM of " + alive.get().holder().describe()
                        + ", a run of another machine that may still be going", "left alone"));
                continue;
            }
            left.put(vm, run.get());
        }
        return left;
    }

    private Optional<Finding> vm(Left left, java.util.function.Consumer<Resumable> resumable) throws IOException {
        Resource.Vm vm = left.vm();
        RunId run = left.run();
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
        Optional<Resumable> finishable = finishable(left, config);
        if (finishable.isPresent() && scope.resume()) {
            resumable.accept(finishable.get());
            return Optional.of(new Finding(vm, run, finishable.get().stage() == Stage.INSTALLED
                    ? "an installer VM whose install finished (" + finishable.get().buildTag() + ")"
                    : "a template its run never verified (" + finishable.get().buildTag() + ")",
                    "left to finish if this run builds the same, else to remove"));
        }
        String what = config.isTemplate() ? "a template its run never verified"
                : config.tags().contains(SmokeTest.SMOKE_TAG) || config.tags().withPrefix(TemplateSpec.BUILD_PREFIX)
                .isPresent() ? "a smoke-test clone" : "an installer VM"; // a clone inherits the build tag
        if (scope.keepFailed()) {
            vms.markFailed(vm.node(), vm.vmid());
            journal.kept(vm, "recovered " + vm.describe());
            return Optional.of(new Finding(vm, run, what, "kept, tagged failed (--keep-failed)"));
        }
        vms.destroy(vm.node(), vm.vmid());
        journal.removed(vm, "recovered " + vm.describe());
        return Optional.of(new Finding(vm, run, what, "removed"));
    }

    /**
     * A template with its build tag, or an installer VM that is powered off after an install its
     * journal saw finish: worth finishing. Anything else (an install cut short, a VM running) is not.
     */
    private Optional<Resumable> finishable(Left left, VmConfig config) {
        if (config.isTemplate()) {
            return config.tags().withPrefix(TemplateSpec.BUILD_PREFIX).map(build -> new Resumable(left.vm(),
                    left.run(), Stage.FINALIZED, build, left.journal()));
        }
        if (left.installedBuild().isPresent() && !config.tags().contains(SmokeTest.SMOKE_TAG)
                && client.vmStatus(left.vm().node(), left.vm().vmid()).stopped()) {
            return Optional.of(new Resumable(left.vm(), left.run(), Stage.INSTALLED, left.installedBuild().get(),
                    left.journal()));
        }
        return Optional.empty();
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
        return waiter.until(new WaitSpec(vm.describe() + " to be made (its create or clone task is running)",
                Vms.CLONE, Vms.POLL), ResourceRef.vm(vm.node(), vm.vmid()), () -> {
                    Optional<VmConfig> now = config(vm);
                    return now.isEmpty() || now.get().get("lock").filter(IN_FLIGHT::contains).isEmpty()
                            ? Poll.done(now) : Poll.notYet("locked " + now.get().get("lock").orElse(""));
                });
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
        vms.freeVolume(volume.node(), volume.storage(), volume.volid());
        journal.removed(volume, "recovered " + volume.describe());
        return Optional.of(new Finding(volume, run, "an ISO of the wrong size", "removed"));
    }

    private static Long sizeIn(String detail) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("of (\\d+) bytes").matcher(detail);
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }
}
