package dev.nixpve.pipeline.steps;

import dev.nixpve.config.RetentionSettings;
import dev.nixpve.event.StepId;
import dev.nixpve.journal.Resource;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the newest {@code retention.templates} templates of this name on the target node (each
 * node needs its own to clone from) and the newest
 * {@code retention.isos} nixpve ISOs of this name. Never removes a template that still has clones
 * (disks whose volume id names its base, as on directory, ZFS and Ceph storages; or VMs carrying
 * its build tag, the only sign on LVM-thin), nor an ISO any VM has in a drive, nor anything
 * locked: another run may be using it.
 */
public final class Retention implements Step<Retention.Result> {

    /**
     * What was removed, and what was kept although old, with the reason; the removed templates'
     * VMIDs, and the old templates kept, each with why.
     */
    public record Result(List<String> removed, List<String> spared, List<Integer> removedTemplates,
                         Map<Integer, String> sparedTemplates) {

        public static Result nothing() {
            return new Result(List.of(), List.of(), List.of(), Map.of());
        }
    }

    /**
     * Whose templates and ISOs, where, how many of each to keep, the templates published to
     * Terraform (kept whatever their age: a rerun may publish an older one again), and whether
     * only to say what would go.
     */
    public record Scope(String templateName, RetentionSettings keep, String node, String isoStorage,
                        Set<Integer> published, boolean dryRun) {

        public Scope(String templateName, RetentionSettings keep, String node, String isoStorage) {
            this(templateName, keep, node, isoStorage, Set.of(), false);
        }
    }

    private final ProxmoxClient client;
    private final Vms vms;
    private final TaskWaiter waiter;
    private final Journal journal;
    private final Scope scope;

    public Retention(ProxmoxClient client, Vms vms, TaskWaiter waiter, Journal journal, Scope scope) {
        this.client = client;
        this.vms = vms;
        this.waiter = waiter;
        this.journal = journal;
        this.scope = scope;
    }

    @Override
    public StepId id() {
        return StepId.RETENTION;
    }

    @Override
    public String summary(Result r) {
        return r.removed().isEmpty() ? "nothing to remove" : (scope.dryRun() ? "would remove " : "removed ")
                + String.join(", ", r.removed());
    }

    @Override
    public Result run() {
        return apply(scope.templateName(), scope.keep(), scope.node(), scope.isoStorage());
    }

    private Result apply(String templateName, RetentionSettings keep, String node, String isoStorage) {
        List<String> removed = new ArrayList<>();
        List<String> spared = new ArrayList<>();
        List<Integer> removedTemplates = new ArrayList<>();
        Map<Integer, String> sparedTemplates = new java.util.LinkedHashMap<>();
        List<ClusterResource> guests = client.resources(Optional.of("vm"));
        // Each guest's config is read at most once, and only when a removal has to be checked against it.
        GuestReads reads = new GuestReads(client);
        List<PublishedTemplates.Found> templates = new PublishedTemplates(client).ofName(node, templateName);
        // Their configs are read already, and stay readable here once a template is removed.
        templates.forEach(t -> reads.known(t.vmid(), t.config()));
        // Unverified templates belong to a run that is testing them, or to recovery: never to retention.
        List<PublishedTemplates.Found> good = templates.stream().filter(t -> t.status() == TemplateStatus.VERIFIED
                || t.status() == TemplateStatus.LEGACY).toList();
        List<PublishedTemplates.Found> old = new ArrayList<>(good.stream().skip(keep.templates()).toList());
        old.addAll(templates.stream().filter(PublishedTemplates.Found::failed).toList());
        for (PublishedTemplates.Found template : old) {
            Optional<String> reason = scope.published().contains(template.vmid())
                    ? Optional.of("published to Terraform") : inUse(template, guests, removedTemplates, reads);
            if (reason.isPresent()) {
                spared.add("template " + template.vmid() + " (" + reason.get() + ")");
                sparedTemplates.put(template.vmid(), reason.get());
                continue;
            }
            String what = "old template " + template.vmid() + " (" + template.name() + ") on " + template.node();
            if (!scope.dryRun()) {
                vms.destroy(template.node(), template.vmid());
                journal.removed(new Resource.Vm(template.node(), template.vmid()), what);
            }
            removed.add(what);
            removedTemplates.add(template.vmid());
        }
        // Templates removed just now are gone: their configs cannot be read and hold no ISO.
        List<ClusterResource> remaining = guests.stream()
                .filter(g -> g.vmid().filter(removedTemplates::contains).isEmpty()).toList();
        pruneIsos(remaining, reads, removed, spared);
        return new Result(removed, spared, removedTemplates, sparedTemplates);
    }

    private Optional<String> inUse(PublishedTemplates.Found template, List<ClusterResource> guests,
                                   List<Integer> gone, GuestReads reads) {
        if (guests.stream().anyMatch(g -> g.vmid().filter(id -> id == template.vmid()).isPresent()
                && g.lock().isPresent())) {
            return Optional.of("locked");
        }
        return new TemplateUsers(guests, reads).of(template, gone).stream().findFirst();
    }

    private void pruneIsos(List<ClusterResource> guests, GuestReads reads, List<String> removed,
                           List<String> spared) {
        String templateName = scope.templateName();
        int keep = scope.keep().isos();
        String node = scope.node();
        String storage = scope.isoStorage();
        String prefix = "iso/nixpve-" + templateName + "-";
        List<StorageVolume> isos = client.storageContent(node, storage, Optional.of("iso")).stream()
                .filter(v -> v.volumeName().startsWith(prefix))
                .sorted(Comparator.comparing((StorageVolume v) -> v.created().orElse(Instant.EPOCH)).reversed())
                .toList();
        if (isos.size() <= keep) {
            return;
        }
        List<ClusterResource> known = guests.stream().filter(g -> g.node().isPresent() && g.vmid().isPresent())
                .toList();
        Set<String> attached = known.stream().flatMap(g -> reads.config(g).stream())
                .flatMap(c -> c.values().values().stream()).collect(Collectors.toSet());
        // A VM on a node that does not answer may have an ISO of a storage it shares in a drive.
        Optional<String> unanswered = known.stream().filter(g -> reads.config(g).isEmpty()).map(g -> g.node().get())
                .findFirst().filter(down -> reads.sharedStorages(node).contains(storage));
        for (StorageVolume iso : isos.subList(keep, isos.size())) {
            if (attached.stream().anyMatch(v -> v.startsWith(iso.volid()))) {
                spared.add(iso.volid() + " (attached to a VM)");
                continue;
            }
            if (unanswered.isPresent()) {
                spared.add(iso.volid() + " (a VM on " + unanswered.get() + ", which does not answer, may have it "
                        + "in a drive)");
                continue;
            }
            if (!scope.dryRun()) {
                vms.freeVolume(node, storage, iso.volid());
                journal.removed(new Resource.Volume(node, storage, iso.volid()), "old ISO " + iso.volid());
            }
            removed.add("old ISO " + iso.volid());
        }
    }
}
