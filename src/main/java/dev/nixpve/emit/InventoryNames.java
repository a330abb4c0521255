package dev.nixpve.emit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Names that Ansible accepts without warnings: host names from VM names, group names from node
 * names and build tags ({@code [A-Za-z0-9_]}, Ansible's TRANSFORM_INVALID_GROUP_CHARS rule).
 */
final class InventoryNames {

    /** Ansible's own groups. */
    static final Set<String> RESERVED = Set.of("all", "ungrouped");

    private InventoryNames() {
    }

    /**
     * VMID to host name: the VM's name made safe. A name that is taken twice, or is a group's name
     * (a host named like a group has its variables read as the group's), gets its VMID appended;
     * that is checked again until every name is unique, so {@code web} (VMID 208) beside a VM
     * named {@code web-208} becomes {@code web-208-208} while the VM named so keeps its name.
     */
    static Map<Integer, String> hostNames(Map<Integer, String> vmNames, Set<String> groupNames) {
        Map<Integer, String> names = new LinkedHashMap<>();
        vmNames.forEach((vmid, name) -> names.put(vmid, hostName(name, vmid)));
        Set<Integer> suffixed = new HashSet<>();
        for (int round = 0; round < 8; round++) {
            Map<String, Long> counts = names.values().stream()
                    .collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
            Set<Integer> clashing = new HashSet<>();
            names.forEach((vmid, name) -> {
                if (groupNames.contains(name) || RESERVED.contains(name) || counts.get(name) > 1) {
                    clashing.add(vmid);
                }
            });
            if (clashing.isEmpty()) {
                return names;
            }
            Map<Integer, String> before = new LinkedHashMap<>(names);
            Set<Integer> madeUp = Set.copyOf(suffixed);
            for (int vmid : clashing) {
                String name = before.get(vmid);
                // A VM that carries a name of its own keeps it against names this method made up.
                boolean keeps = !madeUp.contains(vmid) && !groupNames.contains(name) && !RESERVED.contains(name)
                        && clashing.stream().filter(other -> other != vmid && before.get(other).equals(name))
                        .allMatch(madeUp::contains);
                if (!keeps) {
                    names.put(vmid, name + "-" + vmid);
                    suffixed.add(vmid);
                }
            }
        }
        names.replaceAll((vmid, name) -> "vm-" + vmid);
        return names;
    }

    static String hostName(String vmName, int vmid) {
        String safe = vmName.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return safe.isEmpty() ? "vm-" + vmid : safe;
    }

    static String group(String prefix, String raw) {
        return prefix + raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
