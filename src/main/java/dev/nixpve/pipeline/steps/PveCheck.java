package dev.nixpve.pipeline.steps;

import dev.nixpve.config.NodeTarget;
import dev.nixpve.config.VmidRange;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.NodeInfo;
import dev.nixpve.proxmox.model.Permissions;
import dev.nixpve.proxmox.model.PrivilegeRequirement;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveVersion;
import dev.nixpve.proxmox.RequiredPrivileges;
import dev.nixpve.proxmox.model.StorageInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reaches the API, authenticates, and reports what the pipeline will work with: version, nodes,
 * the target node's storages, and for every privilege the pipeline needs whether the caller has
 * it. Privileges are asked per ACL path, so PVE itself resolves inheritance, groups and token
 * privilege separation.
 */
public final class PveCheck {

    private final ProxmoxClient client;

    public PveCheck(ProxmoxClient client) {
        this.client = client;
    }

    /**
     * {@code vmidsNeeded}: how many VMIDs the run takes from {@code target.vmids} (the installer VM,
     * plus the smoke-test clone when it runs); the first free ones are checked, as the allocator
     * takes them.
     */
    public PveCheckReport run(NodeTarget target, int vmidsNeeded) {
        PveVersion version = client.version();
        List<NodeInfo> nodes = client.nodes();
        List<String> problems = new ArrayList<>();
        Optional<NodeInfo> node = nodes.stream().filter(n -> n.name().equals(target.node())).findFirst();
        List<StorageInfo> storages = List.of();
        if (node.isEmpty()) {
            problems.add("node '" + target.node() + "' (target.node) is not in this cluster; nodes: "
                    + String.join(", ", nodes.stream().map(NodeInfo::name).toList()));
        } else if (!node.get().online()) {
            problems.add("node '" + target.node() + "' is " + node.get().status());
        } else {
            storages = client.storages(target.node());
        }
        String zone = version.major() >= 8 ? client.sdnZone(target.bridge()).orElse(RequiredPrivileges.LOCAL_NETWORK)
                : RequiredPrivileges.LOCAL_NETWORK;
        RequiredPrivileges.Scope scope = new RequiredPrivileges.Scope(target.node(), target.isoStorage(),
                target.diskStorage(), target.bridge(), zone, vmidsToUse(target.vmids(), vmidsNeeded));
        Map<String, Permissions> byPath = new LinkedHashMap<>();
        return new PveCheckReport(client.identity(), version, nodes, target.node(), storages,
                checkPrivileges(RequiredPrivileges.forPipeline(version, scope), byPath), problems,
                checkPrivileges(RequiredPrivileges.forTerraformPlacement(), byPath));
    }

    private List<Integer> vmidsToUse(VmidRange range, int count) {
        Set<Integer> used = client.resources(Optional.of("vm")).stream().map(ClusterResource::vmid)
                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
        List<Integer> free = range.ids().filter(id -> !used.contains(id)).limit(count).boxed().toList();
        return free.isEmpty() ? List.of(range.first()) : free; // a full range is reported by preflight
    }

    private List<PveCheckReport.PrivilegeCheck> checkPrivileges(List<PrivilegeRequirement> requirements,
                                                                Map<String, Permissions> byPath) {
        List<PveCheckReport.PrivilegeCheck> checks = new ArrayList<>();
        for (PrivilegeRequirement requirement : requirements) {
            Permissions held = byPath.computeIfAbsent(requirement.aclPath(), client::permissions);
            checks.add(new PveCheckReport.PrivilegeCheck(requirement, requirement.satisfiedBy(held)));
        }
        return checks;
    }
}
