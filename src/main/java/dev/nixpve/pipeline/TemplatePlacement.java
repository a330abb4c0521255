package dev.nixpve.pipeline;

import dev.nixpve.config.NodeTarget;
import dev.nixpve.pipeline.steps.Preflight;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one template is built and which nodes it serves. Nodes whose disk storage is node-local
 * each need their own; nodes that name one storage PVE calls shared (Ceph RBD, shared LVM on a SAN)
 * can all clone one template there, with {@code target} set to their node. The template lives on
 * its first node ({@code home}); the others are served by it.
 */
record TemplatePlacement(NodeTarget home, List<NodeTarget> served, Optional<String> sharedStorage) {

    TemplatePlacement {
        served = List.copyOf(served);
        if (served.isEmpty() || !served.get(0).equals(home)) {
            throw new IllegalArgumentException("a template serves its home node first");
        }
    }

    /** One node's own template. */
    static TemplatePlacement local(NodeTarget target) {
        return new TemplatePlacement(target, List.of(target), Optional.empty());
    }

    /**
     * The placements of a run over {@code targets}, in their order: one per node-local disk storage,
     * one per shared disk storage the targets name ({@code checked}: what each node's preflight found).
     */
    static List<TemplatePlacement> of(List<NodeTarget> targets, Map<String, Preflight.Result> checked) {
        Map<String, List<NodeTarget>> groups = new LinkedHashMap<>();
        for (NodeTarget target : targets) {
            boolean shared = checked.get(target.node()).diskStorage().shared();
            String key = shared ? "shared " + target.diskStorage() : "node " + target.node();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(target);
        }
        return groups.values().stream().map(group -> {
            NodeTarget home = group.get(0);
            boolean shared = checked.get(home.node()).diskStorage().shared();
            return new TemplatePlacement(home, group, shared ? Optional.of(home.diskStorage()) : Optional.empty());
        }).toList();
    }

    List<String> nodes() {
        return served.stream().map(NodeTarget::node).toList();
    }

    /**
     * Where the smoke-test clone goes: another node this template serves, to prove a clone works
     * there as Terraform will make it, one with the home node's bridge (the clone keeps the
     * template's network); the home node when there is none.
     */
    String smokeTestNode() {
        return served.stream().skip(1).filter(t -> t.bridge().equals(home.bridge())).map(NodeTarget::node)
                .findFirst().orElse(home.node());
    }
}
