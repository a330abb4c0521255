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
    private static final Pattern BARE_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_.:/@+-]*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Set<String> PYTHON_NAMES = Set.of("True", "False", "None");

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

    /**
     * The INI plugin splits a host line like a shell and then reads each value as a Python literal,
     * so {@code '123'} (or {@code 123}) becomes a number and {@code True} a boolean. A string is
     * written bare only where no literal can come out of it: plain characters starting with a
     * letter (and not True, False or None), or an IPv4 address; otherwise as a Python string
     * literal inside shell single quotes ({@code '"123"'}), with {@code '} and {@code \} escaped
     * inside it so the shell quoting never ends early.
     */
    static String value(Object value) {
        if (value instanceof Number) {
            return String.valueOf(value);
        }
        String text = String.valueOf(value);
        if (PLAIN.matcher(text).matches() && (BARE_WORD.matcher(text).matches() && !PYTHON_NAMES.contains(text)
                || IPV4.matcher(text).matches())) {
            return text;
        }
        if (text.indexOf('#') >= 0) {
            // The plugin reads no literal from a value with '#' in it: shell quoting alone keeps it whole.
            return "'" + text.replace("'", "'\\''") + "'";
        }
        StringBuilder literal = new StringBuilder("'\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                literal.append('\\').append(c);
            } else if (c == '\'' || c < 0x20 || c > 0x7e) {
                literal.append(String.format("\\u%04x", (int) c));
            } else {
                literal.append(c);
            }
        }
        return literal.append("\"'").toString();
    }
}
