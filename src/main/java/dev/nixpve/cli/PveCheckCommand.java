package dev.nixpve.cli;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.pipeline.steps.PveCheck;
import dev.nixpve.pipeline.steps.PveCheckReport;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nixpve pve check}: can nixpve reach, authenticate and do its work on this cluster? */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Reach the API, authenticate, and report the PVE version, nodes, the target node's "
                + "storages and, for every privilege the pipeline needs, whether this token or user has it. "
                + "Exits 1 when a privilege is missing or the target node is unusable.")
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
            PveCheckReport report = new PveCheck(client).run(config.target().single(), config.verify().vmidsPerRun());
            new CheckReportPrinter(context.out()).print(report, config.proxmox().endpoint().orElseThrow());
            return report.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
