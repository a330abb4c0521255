package dev.nixpve.emit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Names that Ansible accepts without warnings: host names from VM names, group names from node
 * names and build tags ({@code [A-Za-z0-9_]}, Ansible's TRANSFORM_INVALID_GROUP_CHARS rule).
 */
final class InventoryNames {

    private InventoryNames() {
    }

    /** VMID to host name: the VM's name made safe; VMs sharing a name all get their VMID appended. */
    static Map<Integer, String> hostNames(Map<Integer, String> vmNames) {
        Map<Integer, String> safe = new LinkedHashMap<>();
        vmNames.forEach((vmid, name) -> safe.put(vmid, hostName(name, vmid)));
        Map<String, Long> counts = safe.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
        Map<Integer, String> unique = new LinkedHashMap<>();
        safe.forEach((vmid, name) -> unique.put(vmid, counts.get(name) > 1 ? name + "-" + vmid : name));
        return unique;
    }

    static String hostName(String vmName, int vmid) {
        String safe = vmName.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return safe.isEmpty() ? "vm-" + vmid : safe;
    }

    static String group(String prefix, String raw) {
        return prefix + raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
