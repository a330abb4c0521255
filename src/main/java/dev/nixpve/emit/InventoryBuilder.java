package dev.nixpve.emit;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.journal.RunId;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.VmConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the cluster and lists, as Ansible hosts, every VM tagged {@value #NIXPVE_TAG} that is neither a
 * template nor one of nixpve's own ({@link #isNixpvesOwn}: an installer VM or a smoke-test clone, which
 * a failed cleanup can leave behind): role tags make the groups {@code control_plane} and {@code workers} under
 * {@code k8s_cluster} (the groups the Terraform module's inventory has too); every host is also in
 * {@code nixpve_<node>} (never community.proxmox's {@code proxmox_<node>}, which holds the node
 * itself) and, when it carries a {@code build-<id>} tag, in {@code build_<id>}. A VM
 * without a role tag is in no role group: it is not written into Ansible's {@code ungrouped}, which
 * Ansible empties of every host that belongs to another group anyway. Problems with single VMs are
 * warnings, not failures.
 */
public final class InventoryBuilder {

    public static final String NIXPVE_TAG = "nixpve";
    public static final String CONTROL_PLANE_TAG = "control-plane";
    public static final String WORKER_TAG = "worker";
    public static final String K8S_CLUSTER = "k8s_cluster";
    public static final String CONTROL_PLANE = "control_plane";
    public static final String WORKERS = "workers";
    public static final String NODE_GROUP_PREFIX = "nixpve_";
    private static final String BUILD_TAG_PREFIX = "build-";
    /** The tags nixpve gives its installer VMs and smoke-test clones (InstallerVmSpec, SmokeTest). */
    static final Set<String> OWN_VM_TAGS = Set.of("building", "smoke-test");
    /** The tag a template gets once its smoke test passed (TemplateSpec.VERIFIED_TAG). */
    static final String VERIFIED_TAG = "verified";

    private final ProxmoxClient client;
    private final EventSink events;

    public InventoryBuilder(ProxmoxClient client, EventSink events) {
        this.client = client;
        this.events = events;
    }

    public Inventory build() {
        // The list and tags of /cluster/resources are live; template and name are pvestatd's sample,
        // up to 10 s old, so those come from each VM's config.
        List<ClusterResource> tagged = client.resources(Optional.of("vm")).stream()
                .filter(ClusterResource::isQemuGuest)
                .filter(r -> r.vmid().isPresent() && r.node().isPresent())
                .filter(r -> tags(r).contains(NIXPVE_TAG))
                .filter(r -> !isNixpvesOwn(r))
                .sorted(Comparator.comparing(r -> r.vmid().orElseThrow()))
                .toList();
        Map<Integer, VmConfig> configs = new HashMap<>();
        tagged.forEach(r -> config(r).ifPresent(c -> configs.put(r.vmid().orElseThrow(), c)));
        List<ClusterResource> vms = tagged.stream().filter(r -> configs.containsKey(r.vmid().orElseThrow())
                && !configs.get(r.vmid().orElseThrow()).isTemplate()).toList();
        if (vms.isEmpty()) {
            events.emit(LogEvent.warn(LogEvent.Topic.NO_TAGGED_VM, "No VM is tagged " + NIXPVE_TAG + " (templates do "
                    + "not count): the inventory has no hosts"));
        }
        Map<Integer, String> vmNames = new LinkedHashMap<>();
        vms.forEach(r -> vmNames.put(r.vmid().orElseThrow(), configs.get(r.vmid().orElseThrow()).name().orElse("")));
        Map<Integer, String> hostNames = InventoryNames.hostNames(vmNames, groupNames(vms));

        HostAddresses addresses = new HostAddresses(client, events);
        List<InventoryHost> hosts = new ArrayList<>();
        for (ClusterResource vm : vms) {
            String name = hostNames.get(vm.vmid().orElseThrow());
            hosts.add(new InventoryHost(name, vm.vmid().orElseThrow(), vm.node().orElseThrow(),
                    addresses.of(vm, configs.get(vm.vmid().orElseThrow()), name), role(vm), String.join(";", new TreeSet<>(tags(vm)))));
        }
        events.emit(LogEvent.debug("inventory: " + hosts.size() + " hosts from " + vms.size() + " VMs tagged "
                + NIXPVE_TAG));
        return new Inventory(hosts, groups(vms, hosts));
    }

    /**
     * An installer VM or a smoke-test clone: tagged so, or, for a clone whose own tags never got
     * written, carrying a run's tag without the verified mark (it has its unverified template's tags,
     * as {@code qm clone} copies them). Clones of a published template carry the mark or, made by
     * Terraform, no run tag.
     */
    static boolean isNixpvesOwn(ClusterResource vm) {
        Set<String> tags = tags(vm);
        return tags.stream().anyMatch(OWN_VM_TAGS::contains) || !tags.contains(VERIFIED_TAG)
                && tags.stream().anyMatch(t -> RunId.fromTag(t).isPresent());
    }

    /** The VM's config; a VM removed since the listing is left out. */
    private Optional<VmConfig> config(ClusterResource vm) {
        try {
            return Optional.of(client.vmConfig(vm.node().orElseThrow(), vm.vmid().orElseThrow()));
        } catch (PveApiException e) {
            events.emit(LogEvent.debug("cannot read the config of VM " + vm.vmid().orElseThrow() + " on "
                    + vm.node().orElseThrow() + ": " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static List<InventoryGroup> groups(List<ClusterResource> vms, List<InventoryHost> hosts) {
        List<String> controlPlane = new ArrayList<>();
        List<String> workers = new ArrayList<>();
        Map<String, List<String>> byNode = new TreeMap<>();
        Map<String, List<String>> byBuild = new TreeMap<>();
        for (int i = 0; i < vms.size(); i++) {
            ClusterResource vm = vms.get(i);
            InventoryHost host = hosts.get(i);
            host.role().filter(CONTROL_PLANE_TAG::equals).ifPresent(role -> controlPlane.add(host.name()));
            host.role().filter(WORKER_TAG::equals).ifPresent(role -> workers.add(host.name()));
            byNode.computeIfAbsent(nodeGroup(vm), k -> new ArrayList<>()).add(host.name());
            buildGroups(vm).forEach(group -> byBuild.computeIfAbsent(group, k -> new ArrayList<>()).add(host.name()));
        }
        List<InventoryGroup> groups = new ArrayList<>();
        groups.add(new InventoryGroup(K8S_CLUSTER, List.of(), List.of(CONTROL_PLANE, WORKERS)));
        groups.add(new InventoryGroup(CONTROL_PLANE, controlPlane, List.of()));
        groups.add(new InventoryGroup(WORKERS, workers, List.of()));
        byNode.forEach((name, members) -> groups.add(new InventoryGroup(name, members, List.of())));
        byBuild.forEach((name, members) -> groups.add(new InventoryGroup(name, members, List.of())));
        return groups;
    }

    /** Every group name this inventory can have: no host may carry one. */
    private static Set<String> groupNames(List<ClusterResource> vms) {
        Set<String> names = new HashSet<>(Set.of(K8S_CLUSTER, CONTROL_PLANE, WORKERS));
        vms.forEach(vm -> {
            names.add(nodeGroup(vm));
            names.addAll(buildGroups(vm));
        });
        return names;
    }

    private static String nodeGroup(ClusterResource vm) {
        return InventoryNames.group(NODE_GROUP_PREFIX, vm.node().orElseThrow());
    }

    private static List<String> buildGroups(ClusterResource vm) {
        return tags(vm).stream().filter(t -> t.startsWith(BUILD_TAG_PREFIX)).sorted()
                .map(tag -> InventoryNames.group("build_", tag.substring(BUILD_TAG_PREFIX.length()))).toList();
    }

    /** The role tag; a host is in one role group only, so control-plane wins over worker. */
    private static Optional<String> role(ClusterResource vm) {
        Set<String> tags = tags(vm);
        if (tags.contains(CONTROL_PLANE_TAG)) {
            return Optional.of(CONTROL_PLANE_TAG);
        }
        return tags.contains(WORKER_TAG) ? Optional.of(WORKER_TAG) : Optional.empty();
    }

    /** PVE compares tags case-insensitively. */
    private static Set<String> tags(ClusterResource vm) {
        return vm.tags().values();
    }
}
