package dev.nixpve.pipeline.steps;

import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.VmConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The guests that still use a template: VMs that carry its build tag (the only sign an LVM-thin
 * clone leaves) and linked clones whose disks name its base volumes ({@link LinkedClones}).
 * Template-ness comes from each guest's config: {@code /cluster/resources} serves it up to 10 s stale.
 * A guest on a node that does not answer is judged by its tags there, and counts as a possible
 * linked clone when the template's base is on a storage its node shares with others.
 */
final class TemplateUsers {

    private final List<ClusterResource> guests;
    private final GuestReads reads;

    TemplateUsers(List<ClusterResource> guests, GuestReads reads) {
        this.guests = guests;
        this.reads = reads;
    }

    /** Why each user uses it ("VM 200 carries its build tag"), skipping the guests in {@code gone}. */
    List<String> of(PublishedTemplates.Found template, Collection<Integer> gone) {
        List<String> users = new ArrayList<>();
        LinkedClones linked = new LinkedClones(template.config());
        for (ClusterResource guest : guests) {
            if (guest.node().isEmpty() || guest.vmid().isEmpty() || guest.vmid().get() == template.vmid()
                    || gone.contains(guest.vmid().get())) {
                continue;
            }
            Optional<VmConfig> config = reads.config(guest);
            boolean isTemplate = config.map(VmConfig::isTemplate).orElse(guest.template());
            // Templates share a build tag across nodes; a clone turned template still holds its base.
            if (!isTemplate && template.buildTag().isPresent() && guest.tags().contains(template.buildTag().get())) {
                users.add("VM " + guest.vmid().get() + " carries its build tag");
            } else if (config.isPresent() ? linked.isCloneIn(config.get())
                    : linked.baseOnAny(reads.sharedStorages(template.node()))) {
                users.add("VM " + guest.vmid().get() + (config.isPresent() ? " is a linked clone of it" : " on "
                        + guest.node().get() + ", which does not answer, may be a linked clone of it"));
            }
        }
        return users;
    }
}
