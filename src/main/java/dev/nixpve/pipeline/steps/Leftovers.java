package dev.nixpve.pipeline.steps;

import dev.nixpve.journal.Resource;
import dev.nixpve.journal.RunId;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.ProxmoxException;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.model.Tags;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.wait.Poll;
import dev.nixpve.wait.Poller;
import dev.nixpve.wait.WaitSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * After a failed run's cleanup, reads the cluster once for what of the run is still there: the VMs
 * that carry its run tag on the nodes it built for, the VMs and volumes its journal touched, and
 * an ISO whose upload it gave up on, once that upload's task has ended (PVE moves the file into
 * place at the task's end, so it would appear after the report). When the cluster cannot be read,
 * what the journal made and did not remove is what may be there.
 */
public final class Leftovers {

    /** How long an upload task the run gave up on may take to end before the check says it still runs. */
    static final Duration UPLOAD_SETTLE = Duration.ofMinutes(2);
    static final Duration POLL = Duration.ofSeconds(1);
    private static final String UPLOAD_TASK = "imgcopy";

    private final ProxmoxClient client;
    private final Poller poller;

    public Leftovers(ProxmoxClient client, Poller poller) {
        this.client = client;
        this.poller = poller;
    }

    /** What of run {@code run} is on the cluster; {@code nodes}: where its VMs count by their tag alone. */
    public LeftOnProxmox check(RunId run, Set<String> nodes, List<Journal.Touched> touched) {
        if (touched.isEmpty()) {
            return LeftOnProxmox.nothingMade();
        }
        try {
            Set<Resource> arriving = settleUploads(touched);
            List<LeftOnProxmox.Left> left = new ArrayList<>(vms(run, nodes, touched));
            left.addAll(volumes(touched, arriving));
            return LeftOnProxmox.read(left);
        } catch (ProxmoxException e) {
            return unread(e.getMessage(), touched);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unread("stopped while waiting for an upload task to end", touched);
        }
    }

    /** The cluster could not be read: what the journal made and did not remove may be there. */
    private static LeftOnProxmox unread(String because, List<Journal.Touched> touched) {
        return LeftOnProxmox.unread(because, touched.stream().filter(t -> !t.removed())
                .map(t -> new LeftOnProxmox.Left(t.resource(), label(t), t.kept(), false, false)).toList());
    }

    private List<LeftOnProxmox.Left> vms(RunId run, Set<String> nodes, List<Journal.Touched> touched) {
        List<LeftOnProxmox.Left> left = new ArrayList<>();
        for (ClusterResource vm : client.resources(Optional.of("vm"))) {
            if (vm.vmid().isEmpty() || vm.node().isEmpty()) {
                continue;
            }
            Optional<Journal.Touched> mine = touched.stream().filter(t -> t.resource() instanceof Resource.Vm v
                    && v.vmid() == vm.vmid().get()).findFirst();
            Optional<RunId> tagged = ForeignRuns.runOf(vm.tags());
            boolean ours = mine.filter(t -> t.made() || tagged.isEmpty() || tagged.get().equals(run)).isPresent()
                    || tagged.filter(run::equals).isPresent() && nodes.contains(vm.node().get());
            if (ours) {
                left.add(new LeftOnProxmox.Left(new Resource.Vm(vm.node().get(), vm.vmid().get()),
                        what(vm, mine), mine.filter(Journal.Touched::kept).isPresent(),
                        !vm.template() && vm.status().filter("running"::equals).isPresent(), false));
            }
        }
        return left;
    }

    private List<LeftOnProxmox.Left> volumes(List<Journal.Touched> touched, Set<Resource> arriving) {
        List<LeftOnProxmox.Left> left = new ArrayList<>();
        for (Journal.Touched t : touched) {
            if (t.resource() instanceof Resource.Volume volume) {
                boolean there = client.storageContent(volume.node(), volume.storage(), Optional.empty()).stream()
                        .map(StorageVolume::volid).anyMatch(volume.volid()::equals);
                if (there || arriving.contains(volume)) {
                    left.add(new LeftOnProxmox.Left(volume, label(t), t.kept(), false,
                            !there));
                }
            }
        }
        return left;
    }

    /**
     * Waits for the upload tasks on the nodes of volumes the run began to upload and never saw
     * arrive; the volumes whose node still runs one when the wait ends.
     */
    private Set<Resource> settleUploads(List<Journal.Touched> touched) throws InterruptedException {
        List<Resource.Volume> unconfirmed = touched.stream().filter(t -> !t.made() && !t.removed())
                .map(Journal.Touched::resource).filter(r -> r instanceof Resource.Volume)
                .map(r -> (Resource.Volume) r).toList();
        Set<Resource> arriving = new HashSet<>();
        for (Resource.Volume volume : unconfirmed) {
            WaitSpec spec = new WaitSpec("the upload tasks on node " + volume.node() + " to end, one of which may "
                    + "be putting " + volume.volid() + " in place", UPLOAD_SETTLE, POLL);
            Optional<List<Upid>> ended = poller.await(spec, () -> {
                List<Upid> running = client.runningTasks(volume.node(), UPLOAD_TASK);
                return running.isEmpty() ? Poll.done(running) : Poll.notYet(running.size() + " still running");
            }).result();
            if (ended.isEmpty()) {
                arriving.add(volume);
            }
        }
        return arriving;
    }

    /**
     * What the VM is, by its tags as read now, else as the journal named it. A VM that is no
     * template is what the journal made it (a smoke-test clone inherits the template's tags before
     * it is tagged as a clone); only one the journal never knew is named by a template's tags.
     */
    private static String what(ClusterResource vm, Optional<Journal.Touched> mine) {
        Tags tags = vm.tags();
        if (tags.contains(InstallerVmSpec.BUILDING_TAG)) {
            return CreateInstallerVm.LABEL;
        }
        if (tags.contains(SmokeTest.SMOKE_TAG)) {
            return SmokeTest.LABEL;
        }
        boolean templateTags = tags.stream().anyMatch(t -> t.startsWith(TemplateSpec.CREATED_PREFIX));
        if (vm.template() || mine.isEmpty() && templateTags) {
            return tags.contains(TemplateSpec.FAILED_TAG) ? TemplateSpec.FAILED_LABEL
                    : tags.contains(TemplateSpec.VERIFIED_TAG) ? TemplateSpec.VERIFIED_LABEL
                    : TemplateSpec.UNVERIFIED_LABEL;
        }
        return mine.map(Leftovers::label).orElse("VM");
    }

    private static String label(Journal.Touched t) {
        return t.label().isBlank() ? "VM" : t.label().replaceAll(" of \\d+ bytes$", "");
    }
}
