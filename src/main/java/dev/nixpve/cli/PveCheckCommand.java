package dev.nixpve.cli;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeSelection;
import dev.nixpve.config.TargetSettings;
import dev.nixpve.pipeline.steps.PveCheck;
import dev.nixpve.pipeline.steps.PveCheckReport;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.proxmox.model.NodeInfo;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nixpve pve check}: can nixpve reach, authenticate and do its work on this cluster? */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Reach the API, authenticate, and report the PVE version, nodes, the target node's "
                + "storages and, for every privilege the pipeline needs, whether this token or user has it; with "
                + "target.nodes (or several --node, or --node all: every online node), one report per node. "
                + "Exits 1 when a privilege is missing or a target node is unusable.")
final class PveCheckCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    private ConfigOptions configOptions;

    PveCheckCommand(CliContext context) {
        this.context = context;
    }

    ConfigOptions configOptions() {
        return configOptions;
    }

    @Override
    public Integer call() throws ConfigException {
        NixpveConfig config = configOptions.load(context);
        config.proxmox().requireConnection();
        ConsoleEvents events = new ConsoleEvents(context);
        ProxmoxConnector connector = new ProxmoxConnector(context.clock(), context.sleeper(), events);
        try (ProxmoxClient client = connector.connect(config.proxmox())) {
            List<String> nodes = nodes(config.target(), client);
            boolean ok = true;
            for (String node : nodes) {
                if (nodes.size() > 1) {
                    context.out().println("== node " + node + " ==");
                }
                PveCheckReport report = new PveCheck(client).run(config.target().forNode(node),
                        config.verify().vmidsPerRun());
                new CheckReportPrinter(context.out()).print(report, config.proxmox().endpoint().orElseThrow());
                ok &= report.ok();
                if (nodes.size() > 1) {
                    context.out().println();
                }
            }
            return ok ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /** The nodes to check: those the configuration names, or, for all, the cluster's online ones. */
    private List<String> nodes(TargetSettings target, ProxmoxClient client) {
        if (target.nodes() instanceof NodeSelection.Named named) {
            return named.nodes();
        }
        List<NodeInfo> cluster = client.nodes();
        cluster.stream().filter(n -> !n.online()).forEach(n -> context.out().println("Node " + n.name() + " is "
                + n.status() + ": not checked (target.nodes: all takes the online nodes)."));
        return cluster.stream().filter(NodeInfo::online).map(NodeInfo::name).sorted().toList();
    }
}
