package dev.nixpve.cli;

import dev.nixpve.config.ConfigLoader;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.event.EventSink;
import dev.nixpve.wait.Sleeper;
import dev.nixpve.emit.Inventory;
import dev.nixpve.emit.InventoryBuilder;
import dev.nixpve.emit.InventoryFormat;
import dev.nixpve.pipeline.BuildAndDeploy;
import dev.nixpve.cli.demo.AcceleratedClock;
import dev.nixpve.cli.demo.DemoCluster;
import dev.nixpve.pipeline.DeployOptions;
import dev.nixpve.pipeline.DeployResult;
import dev.nixpve.pipeline.Freshness;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.cli.demo.StandInIsoBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --demo}: the whole flow on one machine without Proxmox or Nix. Starts the simulator
 * in-process, runs the real pipeline against it with a stand-in ISO and simulated time running
 * {@value #SPEED}x faster, then clones a small cluster and writes every output.
 */
final class DemoRun {

    static final int SPEED = 10;
    static final String INVENTORY = "inventory.yaml";

    private final CliContext context;
    private final EventSink events;

    DemoRun(CliContext context, EventSink events) {
        this.context = context;
        this.events = events;
    }

    int run(ConfigOptions options, Optional<Path> out) throws Exception {
        AcceleratedClock clock = new AcceleratedClock(context.clock(), SPEED);
        Sleeper sleeper = clock.sleeper(context.sleeper());
        long started = System.nanoTime();
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withLog(line -> { }))) {
            Map<String, String> environment = new HashMap<>(context.environment());
            environment.putAll(sim.environment());
            NixpveConfig config = new ConfigLoader(environment).load(
                    Optional.ofNullable(options.config).map(context.workingDirectory()::resolve),
                    options.overrides().stream().filter(o -> o.keyPath().startsWith("target.")).toList(),
                    context.workingDirectory());
            context.secrets().configured(config.proxmox());
            NodeTarget target = config.target().single();
            Path outDir = out.orElse(config.outputDir());
            context.out().println("DEMO: a simulated Proxmox VE " + sim.options().version().release() + " runs in this process "
                    + "at " + sim.endpoint() + ", its time " + SPEED + "x faster; the ISO is a stand-in, because Nix "
                    + "cannot build here. Everything else is the real pipeline.");
            ProxmoxConnector connector = new ProxmoxConnector(clock, sleeper, events);
            try (ProxmoxClient client = connector.connect(config.proxmox())) {
                DeployResult result = new BuildAndDeploy(client, new NixTooling(context, config).renderer(),
                        new StandInIsoBuilder(), clock, sleeper, events).run(config, target,
                        new DeployOptions(Optional.empty(), false, false, outDir, DeployOptions.defaultStateDir(outDir),
                                VersionProvider.version(), Freshness.WHEN_CHANGED));
                new DeploySummary(context.out(), context.secrets().redaction()).print(result, outDir);
                context.out().println();
                context.out().println("DEMO: cloning a small cluster from template " + result.vmid()
                        + " as the Terraform module would:");
                List<DemoCluster.Member> members = new DemoCluster(client, clock, sleeper, events)
                        .create(config, result, 1, 2);
                members.forEach(m -> context.out().println("  " + m.name() + "  VM " + m.vmid() + "  " + m.role()
                        + "  " + m.ipv4()));
                Inventory inventory = new InventoryBuilder(client, events).build();
                Path inventoryFile = outDir.resolve(INVENTORY);
                InventoryFormat.YAML.write(inventoryFile, inventory);
                context.out().println("Inventory: " + inventoryFile + " (" + inventory.hosts().size()
                        + " hosts; try: ansible-inventory -i " + inventoryFile + " --graph)");
            }
            context.out().println("DEMO finished in " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                    + " s. Outputs are in " + outDir + ".");
            return ExitCodes.OK;
        }
    }
}
