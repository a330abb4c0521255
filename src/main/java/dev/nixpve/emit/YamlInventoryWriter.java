package dev.nixpve.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The inventory as Ansible's YAML inventory plugin reads it: everything nested under {@code all}. */
final class YamlInventoryWriter {

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // A host or group named like a number or a boolean must stay a string.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    String render(Inventory inventory) {
        Set<String> described = new HashSet<>();
        Map<String, Object> all = new LinkedHashMap<>();
        Map<String, Object> loose = new LinkedHashMap<>();
        Set<String> grouped = inventory.homeGroups().keySet();
        inventory.hosts().stream().filter(h -> !grouped.contains(h.name())).forEach(h -> {
            loose.put(h.name(), h.vars());
            described.add(h.name());
        });
        if (!loose.isEmpty()) {
            all.put("hosts", loose);
        }
        Map<String, Object> children = new LinkedHashMap<>();
        inventory.topLevelGroups().forEach(g -> children.put(g.name(), group(inventory, g, described)));
        all.put("children", children);
        try {
            return InventoryFormat.HEADER + YAML.writeValueAsString(Map.of("all", all));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> group(Inventory inventory, InventoryGroup group, Set<String> described) {
        Map<String, Object> node = new LinkedHashMap<>();
        if (!group.hosts().isEmpty()) {
            Map<String, Object> hosts = new LinkedHashMap<>();
            for (String name : group.hosts()) {
                boolean first = described.add(name);
                hosts.put(name, first ? inventory.host(name).map(InventoryHost::vars).orElse(Map.of()) : Map.of());
            }
            node.put("hosts", hosts);
        }
        if (!group.children().isEmpty()) {
            Map<String, Object> children = new LinkedHashMap<>();
            for (String child : group.children()) {
                inventory.group(child).ifPresent(g -> children.put(child, group(inventory, g, described)));
            }
            node.put("children", children);
        }
        return node;
    }
}
