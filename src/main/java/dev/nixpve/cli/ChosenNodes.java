package dev.nixpve.cli;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.NodeSelection;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.config.TargetSettings;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.NodeInfo;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The nodes a command over several nodes works on (a build, recover, templates prune), read
 * against the cluster's node list. {@code all} is the online nodes: an offline one is warned about
 * and left out. A node named explicitly stays in even when it is offline, and is listed in
 * {@code offline}: the operator asked for it, so a build's preflight fails it, and a clean-up
 * command does what it can elsewhere and says that node was not done (exit 1), rather than
 * quietly skipping it. A name that is no node of the cluster is a typo: a configuration error,
 * before anything is done.
 */
record ChosenNodes(List<NodeTarget> targets, List<String> offline) {

    ChosenNodes {
        targets = List.copyOf(targets);
        offline = List.copyOf(offline);
    }

    static ChosenNodes of(TargetSettings target, ProxmoxClient client, EventSink events) throws ConfigException {
        List<NodeInfo> cluster = client.nodes();
        if (target.nodes() instanceof NodeSelection.Named named) {
            Set<String> known = cluster.stream().map(NodeInfo::name).collect(Collectors.toSet());
            List<String> unknown = named.nodes().stream().filter(n -> !known.contains(n)).toList();
            if (!unknown.isEmpty()) {
                throw ConfigException.of("", "target.nodes", String.join(", ", unknown) + (unknown.size() == 1
                        ? " is no node" : " are no nodes") + " of this cluster (its nodes: " + cluster.stream()
                        .map(NodeInfo::name).sorted().collect(Collectors.joining(", ")) + ")",
                        ConfigException.Reason.UNKNOWN_NODE);
            }
            List<String> down = cluster.stream().filter(n -> !n.online() && named.nodes().contains(n.name()))
                    .map(NodeInfo::name).toList();
            return new ChosenNodes(named.nodes().stream().map(target::forNode).toList(), down);
        }
        cluster.stream().filter(n -> !n.online()).forEach(n -> events.emit(LogEvent.warn("node " + n.name() + " is "
                + n.status() + ": left out (target.nodes: all takes the online nodes)")));
        List<NodeTarget> online = cluster.stream().filter(NodeInfo::online).map(NodeInfo::name).sorted()
                .map(target::forNode).toList();
        if (online.isEmpty()) {
            throw ConfigException.of("", "target.nodes", "is all, but no node of the cluster is online",
                    ConfigException.Reason.NO_NODE_ONLINE);
        }
        return new ChosenNodes(online, List.of());
    }

    /** More than one node: output lines then name their node. */
    boolean several() {
        return targets.size() > 1;
    }

    boolean isOffline(String node) {
        return offline.contains(node);
    }
}
