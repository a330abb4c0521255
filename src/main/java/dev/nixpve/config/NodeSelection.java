package dev.nixpve.config;

import java.util.HashSet;
import java.util.List;

/**
 * The nodes a run builds on: named ones ({@code target.node}, {@code target.nodes}), or {@code all},
 * every online node of the cluster, which only preflight can know.
 */
public sealed interface NodeSelection {

    /** The word that stands for every node; it is never read as a node's name. */
    String ALL_KEYWORD = "all";

    /** These nodes, in the order given; at least one, each once. */
    record Named(List<String> nodes) implements NodeSelection {
        public Named {
            nodes = List.copyOf(nodes);
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("a node selection names at least one node");
            }
            if (new HashSet<>(nodes).size() != nodes.size()) {
                throw new IllegalArgumentException("a node is named twice in " + nodes);
            }
        }

        public static Named of(String... nodes) {
            return new Named(List.of(nodes));
        }

        @Override
        public String toString() {
            return String.join(", ", nodes);
        }
    }

    /** Every node of the cluster that is online when the run starts. */
    record All() implements NodeSelection {
        @Override
        public String toString() {
            return ALL_KEYWORD;
        }
    }
}
