package dev.nixpve.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Where templates are built: on which nodes, and with which storages, bridge and VMIDs. The
 * storages, bridge and VMIDs here are every node's unless {@code perNode} overrides them for a
 * node ({@link #forNode}). {@code parallelism} is how many nodes build at once when configured.
 */
public record TargetSettings(NodeSelection nodes, String isoStorage, String diskStorage, String bridge,
                             VmidRange vmids, Map<String, NodeOverride> perNode, OptionalInt parallelism) {

    public TargetSettings {
        perNode = Collections.unmodifiableMap(new LinkedHashMap<>(perNode));
        if (parallelism.isPresent() && parallelism.getAsInt() < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    /** One node, no overrides: the configuration nixpve had before it built on several nodes. */
    public TargetSettings(String node, String isoStorage, String diskStorage, String bridge, VmidRange vmids) {
        this(NodeSelection.Named.of(node), isoStorage, diskStorage, bridge, vmids, Map.of(), OptionalInt.empty());
    }

    /**
     * The first named node, which is where today's one-node commands run.
     *
     * @throws IllegalStateException with {@code nodes: all}, whose nodes only preflight knows:
     *     resolve them first with {@link #withNodes}
     */
    public String node() {
        if (nodes instanceof NodeSelection.Named named) {
            return named.nodes().get(0);
        }
        throw new IllegalStateException("target.nodes is 'all', whose nodes are known only once the cluster's "
                + "online nodes are read: resolve them first with TargetSettings.withNodes");
    }

    /**
     * The one node a command works on, with its own settings, for what works on one node at a
     * time (the demo, and where a run is known to have one node): with several nodes, or all, the
     * error says so rather than working on the first node only.
     */
    public NodeTarget single() throws ConfigException {
        if (nodes instanceof NodeSelection.Named named && named.nodes().size() == 1) {
            return forNode(named.nodes().get(0));
        }
        throw ConfigException.of("", "target.nodes", (nodes instanceof NodeSelection.Named named
                ? "names " + named.nodes().size() + " nodes (" + String.join(", ", named.nodes()) + ")" : "is all")
                + ", but this command works on one node at a time", ConfigException.Reason.ONE_NODE_ONLY);
    }

    /** The settings a build on {@code node} uses: its {@code perNode} entry over the target-wide values. */
    public NodeTarget forNode(String node) {
        NodeOverride own = perNode.getOrDefault(node, NodeOverride.NONE);
        java.util.Set<String> set = new java.util.HashSet<>();
        own.isoStorage().ifPresent(v -> set.add("isoStorage"));
        own.diskStorage().ifPresent(v -> set.add("diskStorage"));
        own.bridge().ifPresent(v -> set.add("bridge"));
        own.vmids().ifPresent(v -> set.add("vmids"));
        return new NodeTarget(node, own.isoStorage().orElse(isoStorage), own.diskStorage().orElse(diskStorage),
                own.bridge().orElse(bridge), own.vmids().orElse(vmids), set);
    }

    /** How many of {@code nodeCount} nodes build at once: the configured parallelism, else all of them. */
    public int parallelismFor(int nodeCount) {
        if (nodeCount < 1) {
            throw new IllegalArgumentException("no nodes to build on");
        }
        return Math.min(nodeCount, parallelism.orElse(nodeCount));
    }

    /**
     * The same target on these nodes, e.g. {@code nodes: all} once preflight has read the online
     * nodes; {@code perNode} entries of nodes not among them stay and are not used.
     */
    public TargetSettings withNodes(List<String> named) {
        return new TargetSettings(new NodeSelection.Named(named), isoStorage, diskStorage, bridge, vmids, perNode,
                parallelism);
    }

    /** The same target building on at most {@code nodes} nodes at once. */
    public TargetSettings withParallelism(int nodes) {
        return new TargetSettings(this.nodes, isoStorage, diskStorage, bridge, vmids, perNode, OptionalInt.of(nodes));
    }
}
