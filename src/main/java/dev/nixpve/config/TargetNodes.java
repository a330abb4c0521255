package dev.nixpve.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads which nodes a run builds on: {@code target.node} (one), {@code target.nodes} (a list, or
 * {@code all}), else the default node. {@code all} is a word, never a node's name.
 */
final class TargetNodes {

    /** The nodes, and the value that chose them (none: the default). */
    record Chosen(NodeSelection selection, Optional<RawValue> from) {

        boolean byFlag() {
            return from.filter(v -> v.origin().kind() == Origin.Kind.OPTION).isPresent();
        }

        /** How the selection was written, for a message: "target.nodes (line 3)", "the default target.node". */
        String source() {
            return from.map(v -> v.key() + (v.origin().kind() == Origin.Kind.FILE ? " (line " + v.origin().line()
                    + ")" : " (" + v.origin() + ")")).orElse("the default target.node");
        }
    }

    private static final String LIST_HINT = "list node names as 'pvecm nodes' shows them (letters, digits and "
            + "'-'), e.g. nodes: [pve1, pve2], or write nodes: all for every online node";

    private TargetNodes() {
    }

    static Chosen read(Map<String, RawValue> values) throws ConfigException {
        RawValue nodes = present(values.get("target.nodes"));
        if (nodes != null) {
            return new Chosen(nodes(nodes), Optional.of(nodes));
        }
        RawValue node = values.get("target.node");
        if (node == null) {
            return new Chosen(NodeSelection.Named.of(TargetSection.DEFAULT_NODE), Optional.empty());
        }
        String name = TargetSection.identifier(node, TargetSection.DEFAULT_NODE, TargetSection.NODE,
                TargetSection.NODE_HINT);
        if (name.equals(NodeSelection.ALL_KEYWORD)) {
            throw new ConfigException(node.origin().toString(), node.key(), "'all' stands for every node, it is not "
                    + "one node's name", ConfigException.Reason.ALL_IS_NO_NODE, "");
        }
        return new Chosen(NodeSelection.Named.of(name), Optional.of(node));
    }

    /** {@code all}; or a YAML list, or one line separated by commas, of distinct node names. */
    private static NodeSelection nodes(RawValue value) throws ConfigException {
        if (value.node() instanceof YamlNode.Scalar && value.text().strip().equals(NodeSelection.ALL_KEYWORD)) {
            return new NodeSelection.All();
        }
        List<String> names = new ArrayList<>();
        for (Item item : items(value)) {
            Origin at = value.origin().atLine(item.line());
            if (item.text().equals(NodeSelection.ALL_KEYWORD)) {
                throw new ConfigException(at.toString(), value.key(), "'all' stands for every node and cannot be "
                        + "listed with node names", ConfigException.Reason.ALL_AMONG_NAMES, "");
            }
            if (!TargetSection.NODE.matcher(item.text()).matches()) {
                throw ConfigException.at(at, value.key(), "'" + item.text() + "' is not a valid node name",
                        "use " + TargetSection.NODE_HINT);
            }
            if (names.contains(item.text())) {
                throw ConfigException.at(at, value.key(), "node '" + item.text() + "' is listed twice",
                        "list each node once");
            }
            names.add(item.text());
        }
        if (names.isEmpty()) {
            throw value.error("names no node", LIST_HINT);
        }
        return new NodeSelection.Named(names);
    }

    private record Item(String text, int line) {
    }

    private static List<Item> items(RawValue value) throws ConfigException {
        List<Item> items = new ArrayList<>();
        if (value.node() instanceof YamlNode.Sequence sequence) {
            for (YamlNode item : sequence.items()) {
                if (!(item instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
                    throw ConfigException.at(value.origin().atLine(item.line()), value.key(), "an item is "
                            + item.kind() + ", not a node name", LIST_HINT);
                }
                items.add(new Item(scalar.text().strip(), item.line()));
            }
        } else if (value.node() instanceof YamlNode.Scalar) {
            for (String part : value.text().split(",")) {
                if (!part.isBlank()) {
                    items.add(new Item(part.strip(), 0));
                }
            }
        } else {
            throw value.error("expected a list of node names or all, found " + value.node().kind(), LIST_HINT);
        }
        return items;
    }

    /** A value that says something: a blank one, as {@code nodes: ${NODES:-}} leaves, says nothing. */
    static RawValue present(RawValue value) {
        return value == null || value.node() instanceof YamlNode.Scalar && value.text().isBlank() ? null : value;
    }
}
