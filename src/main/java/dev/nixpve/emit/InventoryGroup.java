package dev.nixpve.emit;

import java.util.List;

/** An Ansible group: its hosts by name and its child groups by name. */
public record InventoryGroup(String name, List<String> hosts, List<String> children) {

    public InventoryGroup {
        hosts = List.copyOf(hosts);
        children = List.copyOf(children);
    }
}
