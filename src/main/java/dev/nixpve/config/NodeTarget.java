package dev.nixpve.config;

import java.util.Set;

/**
 * Where a build on one node puts its ISO, disk, network card and VMIDs: its overrides on the
 * target's values. {@code own} names the settings the node's {@code perNode} entry set, so that an
 * error about one names the key to change ({@link #key}).
 */
public record NodeTarget(String node, String isoStorage, String diskStorage, String bridge, VmidRange vmids,
                         Set<String> own) {

    public NodeTarget {
        own = Set.copyOf(own);
    }

    /** A node with the target-wide settings. */
    public NodeTarget(String node, String isoStorage, String diskStorage, String bridge, VmidRange vmids) {
        this(node, isoStorage, diskStorage, bridge, vmids, Set.of());
    }

    /** The configuration key {@code setting} ("diskStorage", "vmids", ...) came from, as errors name it. */
    public String key(String setting) {
        return own.contains(setting) ? "target.perNode." + node + "." + setting : "target." + setting;
    }
}
