package dev.nixpve.pipeline.steps;

import dev.nixpve.proxmox.model.NodeInfo;
import dev.nixpve.proxmox.model.PrivilegeRequirement;
import dev.nixpve.proxmox.model.PveVersion;
import dev.nixpve.proxmox.model.StorageInfo;
import java.util.List;

/**
 * What {@code pve check} found: server, nodes, the target node's storages, each needed privilege,
 * and advisories: privileges only a Terraform placement may need, which never fail the check.
 */
public record PveCheckReport(String identity, PveVersion version, List<NodeInfo> nodes, String targetNode,
                             List<StorageInfo> storages, List<PrivilegeCheck> privileges, List<String> problems,
                             List<PrivilegeCheck> advisories) {

    /** A needed privilege and whether the caller holds it. */
    public record PrivilegeCheck(PrivilegeRequirement requirement, boolean granted) {
    }

    public PveCheckReport {
        nodes = List.copyOf(nodes);
        storages = List.copyOf(storages);
        privileges = List.copyOf(privileges);
        problems = List.copyOf(problems);
        advisories = List.copyOf(advisories);
    }

    public List<PrivilegeCheck> missing() {
        return privileges.stream().filter(p -> !p.granted()).toList();
    }

    public boolean ok() {
        return problems.isEmpty() && missing().isEmpty();
    }
}
