package dev.nixpve.sim.state;

import dev.nixpve.sim.http.PveError;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster's storage.cfg as the nodes see it. PVE defines every storage once for the whole
 * cluster; the simulator keeps node-local ones as an instance per node (each with its own content)
 * and shared ones as one instance held by every node in their {@code nodes} list, so a volume made
 * through one node is there for all. A storage held by some nodes only is one whose {@code nodes}
 * option leaves the others out.
 */
public final class StorageConfig {

    private final Collection<SimNode> nodes;

    StorageConfig(Collection<SimNode> nodes) {
        this.nodes = nodes;
    }

    /** Adds a shared storage to every node it is available on. */
    void addShared(SharedStorageSpec spec) {
        SimStorage storage = spec.toStorage();
        nodes.stream().filter(node -> spec.availableOn(node.name())).forEach(node -> node.addStorage(storage));
    }

    /** Every configured storage once (a local one as the first node holding it has it), in storage_ids' order. */
    public List<SimStorage> all() {
        Map<String, SimStorage> byId = new LinkedHashMap<>();
        nodes.forEach(node -> node.storages().forEach(storage -> byId.putIfAbsent(storage.id(), storage)));
        return byId.values().stream().sorted(Comparator.comparing(SimStorage::id)).toList();
    }

    public Optional<SimStorage> configured(String id) {
        return all().stream().filter(storage -> storage.id().equals(id)).findFirst();
    }

    /** storage.cfg's {@code nodes} of a storage: the nodes holding it, or empty when every node does. */
    public Set<String> restrictedTo(String id) {
        Set<String> holding = new TreeSet<>();
        nodes.stream().filter(node -> node.storage(id).isPresent()).forEach(node -> holding.add(node.name()));
        return holding.size() == nodes.size() ? Set.of() : holding;
    }

    /** Storage.pm's storage_check_node: no {@code nodes} option, or one that lists the node (member or not). */
    public boolean availableOn(String node, String id) {
        Set<String> restricted = restrictedTo(id);
        return restricted.isEmpty() || restricted.contains(node);
    }

    /**
     * The storage on the node, or what Storage.pm's storage_check_enabled dies with: "does not
     * exist" for an id storage.cfg lacks, "is not available on node" for one its {@code nodes}
     * option leaves this node out of.
     */
    SimStorage require(SimNode node, String id) {
        return node.storage(id).orElseThrow(() -> configured(id).isPresent()
                ? PveError.server("storage '" + id + "' is not available on node '" + node.name() + "'\n")
                : PveError.server("storage '" + id + "' does not exist\n"));
    }
}
