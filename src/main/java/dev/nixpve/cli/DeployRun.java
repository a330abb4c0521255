package dev.nixpve.cli;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeSelection;
import dev.nixpve.config.TargetSettings;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.RunFinishedEvent;
import dev.nixpve.event.RunOutcome;
import dev.nixpve.metrics.RunMetrics;
import dev.nixpve.pipeline.BuildAndDeploy;
import dev.nixpve.pipeline.ClusterRun;
import java.util.List;
import dev.nixpve.pipeline.DeployOptions;
import dev.nixpve.pipeline.DeployResult;
import dev.nixpve.pipeline.DryRun;
import dev.nixpve.pipeline.Freshness;
import dev.nixpve.pipeline.RunLockedException;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One build-and-deploy run from the command line, as build-and-deploy-template and rebuild start
 * it: load and check the configuration, connect, run the pipeline (or plan it with --dry-run),
 * print the summary, and feed the events to the console and, when asked, to the metrics.
 */
final class DeployRun {

    /** How long cleanup may take after SIGTERM/SIGINT before the process exits regardless. */
    static final Duration CLEANUP_GRACE = Duration.ofMinutes(3);

    private final CliContext context;
    private final ConfigOptions configOptions;
    private final DeployFlags flags;

    DeployRun(CliContext context, ConfigOptions configOptions, DeployFlags flags) {
        this.context = context;
        this.configOptions = configOptions;
        this.flags = flags;
    }

    int execute(Freshness freshness) throws Exception {
        NixpveConfig config = configOptions.load(context);
        config.proxmox().requireConnection();
        requireUsablePaths(config);
        if (!(config.target().nodes() instanceof NodeSelection.Named named && named.nodes().size() == 1)) {
            return flags.dryRun ? planOnNodes(config, freshness) : executeOnNodes(config, freshness);
        }
        NodeTarget target = config.target().single();
        Path outDir = flags.directories.outDir(context, config);
        Path stateDir = flags.directories.stateDir(context, config);
        EventSink console = flags.events(context);
        NixTooling nix = new NixTooling(context, config);
        Optional<Path> prebuilt = flags.prebuiltIso(context);
        if (flags.dryRun) {
            try (ProxmoxClient client = connector(console).connect(config.proxmox())) {
                DryRun.Plan plan = new DryRun(client, nix.renderer(), nix.builder(), context.clock(),
                        new ConsoleEvents(context)).plan(config, prebuilt, outDir, flags.updateNixpkgs, freshness,
                        VersionProvider.version());
                new PlanPrinter(context.out(), context.secrets().redaction()).print(plan, target.node(), outDir);
                return ExitCodes.OK;
            }
        }
        Optional<RunMetrics> metrics = MetricsWiring.of(context, flags, config.image().name(), List.of(target.node()),
                stateDir, console);
        EventSink events = withMetrics(console, metrics);
        Instant began = context.clock().instant();
        try (ProxmoxClient client = connector(events).connect(config.proxmox())) {
            Signals.stopRunsGracefully(Thread.currentThread(), CLEANUP_GRACE);
            DeployResult result = new BuildAndDeploy(client, nix.renderer(), nix.builder(), context.clock(),
                    context.sleeper(), events).run(config, target, new DeployOptions(prebuilt, flags.keepFailed,
                    flags.updateNixpkgs, outDir, stateDir, VersionProvider.version(), freshness));
            new DeploySummary(context.out(), context.secrets().redaction()).print(result, outDir);
            return ExitCodes.OK;
        } catch (RunLockedException e) {
            throw e;
        } catch (Exception e) {
            countFailed(metrics, config, began);
            throw e;
        }
    }

    /** A run over several nodes (target.nodes, or all): a line per node, exit 1 if any node failed. */
    private int executeOnNodes(NixpveConfig config, Freshness freshness) throws Exception {
        Path outDir = flags.directories.outDir(context, config);
        Path stateDir = flags.directories.stateDir(context, config);
        EventSink console = flags.events(context);
        NixTooling nix = new NixTooling(context, config);
        Instant began = context.clock().instant();
        Optional<RunMetrics> metrics = Optional.empty();
        try (ProxmoxClient client = connector(console).connect(config.proxmox())) {
            List<NodeTarget> targets = targets(config.target(), client, console);
            metrics = MetricsWiring.ofNodes(context, flags, config, targets.stream().map(NodeTarget::node).toList(),
                    stateDir, console);
            EventSink events = withMetrics(console, metrics);
            Signals.stopRunsGracefully(Thread.currentThread(), CLEANUP_GRACE);
            ClusterRun.Result result = new ClusterRun(client, nix.renderer(), nix.builder(), context.clock(),
                    context.sleeper(), events).run(config, targets, new DeployOptions(flags.prebuiltIso(context),
                    flags.keepFailed, flags.updateNixpkgs, outDir, stateDir, VersionProvider.version(), freshness));
            new DeploySummary(context.out(), context.secrets().redaction()).print(result, outDir);
            if (!result.anyFailed()) {
                return ExitCodes.OK;
            }
            return Signals.received().map(Signals::exitCode).orElse(ExitCodes.FAILURE);
        } catch (RunLockedException e) {
            throw e;
        } catch (Exception e) {
            countFailed(metrics.isPresent() ? metrics : MetricsWiring.beforeNodesKnown(context, flags, config,
                    stateDir, console), config, began);
            throw e;
        }
    }

    /** The ISO to read and the directories to write, tried before anything is asked of PVE. */
    private void requireUsablePaths(NixpveConfig config) throws UsageException {
        Optional<Path> iso = flags.prebuiltIso(context);
        if (iso.isPresent()) {
            UsablePaths.readableFile(iso.get(), "--iso");
        }
        if (flags.dryRun) {
            return; // a dry run writes nothing there
        }
        UsablePaths.writableDirectory(flags.directories.outDir(context, config),
                flags.directories.out == null ? "output.dir" : "--out");
        UsablePaths.writableDirectory(flags.directories.stateDir(context, config),
                flags.directories.stateDir == null ? "the state directory (OUT/state)" : "--state-dir");
        if (flags.metricsFile != null) {
            UsablePaths.writableFile(context.workingDirectory().resolve(flags.metricsFile), "--metrics-file");
        }
    }

    private static EventSink withMetrics(EventSink console, Optional<RunMetrics> metrics) {
        return metrics.<EventSink>map(m -> EventSink.all(console, m)).orElse(console);
    }

    /** A run that never started on a node (PVE unreachable, a bad token) is a failed run there all the same. */
    private void countFailed(Optional<RunMetrics> metrics, NixpveConfig config, Instant began) {
        Duration elapsed = Duration.between(began, context.clock().instant());
        metrics.ifPresent(m -> m.unfinished().forEach(node -> m.emit(new RunFinishedEvent("", config.image().name(),
                node, RunOutcome.FAILED, elapsed, Optional.empty()))));
    }

    /** --dry-run over several nodes: the cluster run's plan, node by node; exit 1 if a node's plan failed. */
    private int planOnNodes(NixpveConfig config, Freshness freshness) throws Exception {
        Path outDir = flags.directories.outDir(context, config);
        EventSink console = flags.events(context);
        NixTooling nix = new NixTooling(context, config);
        try (ProxmoxClient client = connector(console).connect(config.proxmox())) {
            DryRun.ClusterPlan plan = new DryRun(client, nix.renderer(), nix.builder(), context.clock(),
                    new ConsoleEvents(context)).plan(config, targets(config.target(), client, console),
                    new DeployOptions(flags.prebuiltIso(context), false, flags.updateNixpkgs, outDir,
                            flags.directories.stateDir(context, config), VersionProvider.version(), freshness));
            new PlanPrinter(context.out(), context.secrets().redaction()).print(plan, outDir);
            return plan.result().anyFailed() ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }

    /** The chosen nodes with their own settings (see {@link ChosenNodes}). */
    private static List<NodeTarget> targets(TargetSettings target, ProxmoxClient client, EventSink events)
            throws ConfigException {
        return ChosenNodes.of(target, client, events).targets();
    }

    private ProxmoxConnector connector(EventSink events) {
        return new ProxmoxConnector(context.clock(), context.sleeper(), events);
    }
}
