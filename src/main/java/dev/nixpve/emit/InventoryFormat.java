package dev.nixpve.emit;

import java.io.IOException;
import java.nio.file.Path;

/** The two inventory formats Ansible reads out of the box; both carry the same hosts, groups and variables. */
public enum InventoryFormat {
    YAML, INI;

    static final String HEADER = "# Ansible inventory written by nixpve from the Proxmox VE cluster: VMs tagged nixpve.\n";

    public String render(Inventory inventory) {
        return switch (this) {
            case YAML -> new YamlInventoryWriter().render(inventory);
            case INI -> new IniInventoryWriter().render(inventory);
        };
    }

    /** Writes atomically, so a playbook that starts meanwhile reads the old inventory or the new one. */
    public void write(Path file, Inventory inventory) throws IOException {
        AtomicFiles.write(file, render(inventory));
    }
}
