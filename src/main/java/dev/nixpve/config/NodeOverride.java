package dev.nixpve.config;

import java.util.Optional;

/** What {@code target.perNode.NODE} sets for one node; an empty part means the target-wide value. */
public record NodeOverride(Optional<String> isoStorage, Optional<String> diskStorage, Optional<String> bridge,
                           Optional<VmidRange> vmids) {

    public static final NodeOverride NONE = new NodeOverride(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());
}
