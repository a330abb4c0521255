package dev.nixpve.pipeline.steps;

import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.VmConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The guests that still use a template: VMs that carry its build tag (the only sign an LVM-thin
 * clone leaves) and linked clones whose disks name its base volumes ({@link LinkedClones}).
 * Template-ness comes from each guest's config: {@code /cluster/resources} serves it up to 10 s stale.
 */
final class TemplateUsers {

    private final List<ClusterResource> guests;
    private final Function<ClusterResource, VmConfig> config;

    TemplateUsers(List<ClusterResource> guests, Function<ClusterResource, VmConfig> config) {
        this.guests = guests;
        this.config = config;
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
            // Templates share a build tag across nodes; a clone turned template still holds its base.
            if (!config.apply(guest).isTemplate() && template.buildTag().isPresent()
                    && guest.tags().contains(template.buildTag().get())) {
                users.add("VM " + guest.vmid().get() + " carries its build tag");
            } else if (linked.isCloneIn(config.apply(guest))) {
                users.add("VM " + guest.vmid().get() + " is a linked clone of it");
            }
        }
        return users;
    }
}
