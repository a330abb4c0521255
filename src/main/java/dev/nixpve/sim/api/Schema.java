package dev.nixpve.sim.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The API schema of the PVE version the simulator plays: rules per method and path template. */
public interface Schema {

    Optional<EndpointRules> rules(String method, String template);

    /** The path template of every endpoint this version has for {@code method}. */
    Set<String> templates(String method);

    /** Directory indexes by path template: the key each entry has, and the subdirectories listed. */
    Map<String, DirectoryIndex> directories();

    /** {@code GET /cluster} answers {@code [{"name":"replication"}, ...]}: key "name", one entry per subdirectory. */
    record DirectoryIndex(String key, List<String> entries) {

        public DirectoryIndex {
            entries = List.copyOf(entries);
        }
    }
}
