package dev.nixpve.emit;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The inventory as Ansible's INI inventory plugin reads it: {@code [group]} sections with one host
 * per line, {@code [group:children]} for nesting. A host's variables go on its first line only.
 */
final class IniInventoryWriter {

    /** Values that need no quoting on a host line (the plugin splits lines like a shell). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:/@+-]+");

    String render(Inventory inventory) {
        StringBuilder out = new StringBuilder(InventoryFormat.HEADER);
        Set<String> described = new HashSet<>();
        Set<String> grouped = inventory.homeGroups().keySet();
        inventory.hosts().stream().filter(h -> !grouped.contains(h.name()))
                .forEach(h -> out.append(hostLine(inventory, h.name(), described)).append('\n'));
        for (InventoryGroup group : inventory.groupsInPrintOrder()) {
            if (!group.hosts().isEmpty() || group.children().isEmpty()) {
                out.append('\n').append('[').append(group.name()).append("]\n");
                group.hosts().forEach(h -> out.append(hostLine(inventory, h, described)).append('\n'));
            }
            if (!group.children().isEmpty()) {
                out.append('\n').append('[').append(group.name()).append(":children]\n");
                group.children().forEach(c -> out.append(c).append('\n'));
            }
        }
        return out.toString();
    }

    private static String hostLine(Inventory inventory, String name, Set<String> described) {
        if (!described.add(name)) {
            return name;
        }
        Map<String, Object> vars = inventory.host(name).map(InventoryHost::vars).orElse(Map.of());
        if (vars.isEmpty()) {
            return name;
        }
        return name + " " + vars.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String value(Object value) {
        String text = String.valueOf(value);
        if (PLAIN.matcher(text).matches()) {
            return text;
        }
        // Single quotes keep it one word; the plugin then reads it as a string.
        return "'" + text.replace("'", "") + "'";
    }
}
