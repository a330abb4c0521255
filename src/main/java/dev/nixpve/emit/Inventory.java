package dev.nixpve.emit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hosts and groups, in the order the writers print them. Groups that are nobody's child sit
 * directly under Ansible's {@code all}; a host's variables are printed once, where the host first
 * appears in that order (its home group), so YAML and INI carry the same data.
 */
public record Inventory(List<InventoryHost> hosts, List<InventoryGroup> groups) {

    public Inventory {
        hosts = List.copyOf(hosts);
        groups = List.copyOf(groups);
    }

    public Optional<InventoryHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    public Optional<InventoryGroup> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** Groups that are no group's child, in order. */
    public List<InventoryGroup> topLevelGroups() {
        Set<String> children = new HashSet<>();
        groups.forEach(g -> children.addAll(g.children()));
        return groups.stream().filter(g -> !children.contains(g.name())).toList();
    }

    /** Every group once, parents before their children, in the order the writers print them. */
    public List<InventoryGroup> groupsInPrintOrder() {
        List<InventoryGroup> ordered = new ArrayList<>();
        topLevelGroups().forEach(g -> visit(g, ordered));
        return ordered;
    }

    /** Host name to the group where its variables are printed. */
    public Map<String, String> homeGroups() {
        Map<String, String> home = new LinkedHashMap<>();
        for (InventoryGroup group : groupsInPrintOrder()) {
            group.hosts().forEach(host -> home.putIfAbsent(host, group.name()));
        }
        return home;
    }

    private void visit(InventoryGroup group, List<InventoryGroup> into) {
        if (into.contains(group)) {
            return;
        }
        into.add(group);
        group.children().forEach(child -> group(child).ifPresent(g -> visit(g, into)));
    }
}
