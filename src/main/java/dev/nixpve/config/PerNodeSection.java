package dev.nixpve.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code target.perNode}: for nodes whose storages, bridge or VMIDs differ from the
 * target's, a map from the node's name to those keys, validated as the target-wide keys are.
 */
final class PerNodeSection {

    static final List<String> KEYS = List.of("isoStorage", "diskStorage", "bridge", "vmids");

    private static final String HINT = "map node names to the settings that differ there, e.g. perNode: {pve2: "
            + "{diskStorage: ceph-vm, vmids: 9200-9299}}";

    /** One node's entry: where its name stands, what it overrides, and its vmids as written (for overlaps). */
    record Entry(String node, Origin origin, NodeOverride override, Optional<RawValue> vmids) {
    }

    private PerNodeSection() {
    }

    /** The entries in file order; none when the key is absent or empty. */
    static Map<String, Entry> read(RawValue value) throws ConfigException {
        if (TargetNodes.present(value) == null) {
            return Map.of();
        }
        if (!(value.node() instanceof YamlNode.Mapping mapping)) {
            throw value.error("expected a map from node names to their settings, found " + value.node().kind(),
                    HINT);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode.Entry> node : mapping.entries().entrySet()) {
            String name = node.getKey();
            Origin at = value.origin().atLine(node.getValue().keyLine());
            if (name.equals(NodeSelection.ALL_KEYWORD)) {
                throw ConfigException.at(at, value.key(), "'all' is not a node's name",
                        "set what every node shares directly under target:, e.g. target.diskStorage");
            }
            if (!TargetSection.NODE.matcher(name).matches()) {
                throw ConfigException.at(at, value.key(), "'" + name + "' is not a valid node name",
                        "use " + TargetSection.NODE_HINT);
            }
            entries.put(name, entry(value, name, node.getValue().value(), at));
        }
        return entries;
    }

    /**
     * Each entry must be for a node the file builds on, else it is a typo or left over. Not checked
     * with {@code nodes: all} (any node may come online), nor when --node chose the nodes: the
     * file's entries then describe the rest of the cluster.
     */
    static void requireChosen(Map<String, Entry> entries, TargetNodes.Chosen chosen) throws ConfigException {
        if (chosen.byFlag() || !(chosen.selection() instanceof NodeSelection.Named named)) {
            return;
        }
        for (Entry entry : entries.values()) {
            if (named.nodes().contains(entry.node())) {
                continue;
            }
            String hint = chosen.from().filter(v -> v.key().equals("target.nodes")).isPresent()
                    ? "add " + entry.node() + " to target.nodes, or delete its entry"
                    : "to build on both, write target.nodes: [" + named + ", " + entry.node() + "] instead of "
                            + "target.node; or delete the entry";
            throw ConfigException.at(entry.origin(), "target.perNode." + entry.node(), entry.node()
                    + " is not in " + chosen.source() + ": " + named, hint);
        }
    }

    private static Entry entry(RawValue perNode, String node, YamlNode body, Origin at) throws ConfigException {
        String key = perNode.key() + "." + node;
        if (body instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            return new Entry(node, at, NodeOverride.NONE, Optional.empty());
        }
        if (!(body instanceof YamlNode.Mapping mapping)) {
            throw ConfigException.at(at, key, "expected a map of settings, found " + body.kind(), "indent what "
                    + "differs on " + node + " under '" + node + ":', e.g. diskStorage: ceph-vm");
        }
        Map<String, RawValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode.Entry> setting : mapping.entries().entrySet()) {
            String name = setting.getKey();
            Origin line = perNode.origin().atLine(setting.getValue().keyLine());
            if (!KEYS.contains(name)) {
                throw unknown(line, key + "." + name, name);
            }
            YamlNode value = setting.getValue().value();
            if (value instanceof YamlNode.Scalar scalar && scalar.isNull()) {
                continue;
            }
            if (!(value instanceof YamlNode.Scalar) && !name.equals("vmids")) {
                throw ConfigException.at(line, key + "." + name, "expected a single value, found " + value.kind(),
                        "write it on one line after the key, e.g. " + name + ": value");
            }
            String text = value instanceof YamlNode.Scalar scalar ? scalar.text() : "";
            values.put(name, new RawValue(key + "." + name, text, value, line, perNode.baseDirectory()));
        }
        Optional<RawValue> vmids = Optional.ofNullable(values.get("vmids"));
        return new Entry(node, at, new NodeOverride(
                identifier(values.get("isoStorage"), TargetSection.STORAGE, TargetSection.ISO_STORAGE_HINT),
                identifier(values.get("diskStorage"), TargetSection.STORAGE, TargetSection.DISK_STORAGE_HINT),
                identifier(values.get("bridge"), TargetSection.BRIDGE, TargetSection.BRIDGE_HINT),
                vmids.isEmpty() ? Optional.empty() : Optional.of(TargetSection.vmids(vmids.get()))), vmids);
    }

    private static Optional<String> identifier(RawValue value, Pattern rule, String hint) throws ConfigException {
        return value == null ? Optional.empty() : Optional.of(TargetSection.identifier(value, null, rule, hint));
    }

    private static ConfigException unknown(Origin origin, String key, String name) {
        if (ConfigKeys.SECTIONS.get("target").contains(name) && !name.startsWith("node") && !name.equals("perNode")) {
            return ConfigException.at(origin, key, "cannot differ per node", "only " + String.join(", ", KEYS)
                    + " can be set per node; set " + name + " directly under target:");
        }
        return ConfigException.at(origin, key, "unknown key", Suggestions.closest(name, KEYS)
                .map(s -> "did you mean '" + s + "'?").orElse("known keys here: " + String.join(", ", KEYS)));
    }
}
