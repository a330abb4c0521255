package dev.nixpve.config;

import java.util.List;

/** Where templates are built: on which nodes, and with which storages, bridge and VMIDs. */
public record TargetSettings(NodeSelection nodes, String isoStorage, String diskStorage, String bridge,
                             VmidRange vmids) {

    /** One node: the configuration nixpve had before it built on several nodes. */
    public TargetSettings(String node, String isoStorage, String diskStorage, String bridge, VmidRange vmids) {
        this(NodeSelection.Named.of(node), isoStorage, diskStorage, bridge, vmids);
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

    /** The same target on these nodes, e.g. {@code nodes: all} once preflight has read the online nodes. */
    public TargetSettings withNodes(List<String> named) {
        return new TargetSettings(new NodeSelection.Named(named), isoStorage, diskStorage, bridge, vmids);
    }
}
