package dev.nixpve.cli;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.event.EventSink;
import dev.nixpve.pipeline.BuildAndDeploy;
import dev.nixpve.pipeline.DeployOptions;
import dev.nixpve.pipeline.DeployResult;
import dev.nixpve.pipeline.DryRun;
import dev.nixpve.pipeline.steps.InstallerImage;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nixpve build-and-deploy-template}: the whole pipeline, from configuration to a verified template. */
@Command(name = "build-and-deploy-template", mixinStandardHelpOptions = true,
        description = {"Render the NixOS configuration, build the self-installing ISO, upload it, install a VM "
                + "unattended, turn it into a cloud-init template, smoke-test a clone, and write the Terraform "
                + "variables, the manifest and the build report.",
                "Re-running with unchanged inputs while the template exists creates nothing."})
final class BuildAndDeployCommand implements Callable<Integer> {

    /** How long cleanup may take after SIGTERM/SIGINT before the process exits regardless. */
    static final Duration CLEANUP_GRACE = Duration.ofMinutes(3);

    private final CliContext context;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--iso", paramLabel = "FILE",
            description = "Deploy this prebuilt ISO (from 'nixpve build-iso') instead of building; its sha256 is "
                    + "the build id.")
    Path iso;

    @Option(names = "--keep-failed",
            description = "On failure keep the installer VM, tagged nixpve;failed, for inspection.")
    boolean keepFailed;

    @Option(names = "--update-nixpkgs", description = "Re-resolve the nixpkgs branch (image.nixpkgs) to its newest "
            + "revision instead of the one OUT/tree/flake.lock pins; a new revision is a new build and template, "
            + "the same one changes nothing. For scheduled runs that keep the template fresh.")
    boolean updateNixpkgs;

    @Option(names = "--dry-run", description = "Print every API call the run would make (secrets masked) and change "
            + "nothing.")
    boolean dryRun;

    @Option(names = "--demo", description = "Run everything against the built-in simulator with a stand-in ISO "
            + "(Nix builds need a real machine), then clone a small cluster and write all outputs.")
    boolean demo;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: output.dir, ./out).")
    Path out;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where each run keeps its journal and lock, so "
            + "the next run can clean up after one that was killed (default: OUT/state). Runs that share a cluster "
            + "and an image should share it.")
    Path stateDir;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON object per event and line, for schedulers.")
    LogFormat logFormat;

    enum LogFormat { text, json }

    BuildAndDeployCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (demo) {
            return new DemoRun(context, events()).run(configOptions, Optional.ofNullable(out)
                    .map(context.workingDirectory()::resolve));
        }
        NixpveConfig config = configOptions.load(context);
        config.proxmox().requireConnection();
        Path outDir = Optional.ofNullable(out).map(context.workingDirectory()::resolve).orElse(config.outputDir());
        EventSink events = events();
        ProxmoxConnector connector = new ProxmoxConnector(context.clock(), context.sleeper(), events);
        NixTooling nix = new NixTooling(context, config);
        Optional<Path> prebuilt = Optional.ofNullable(iso).map(context.workingDirectory()::resolve);
        try (ProxmoxClient client = connector.connect(config.proxmox())) {
            if (dryRun) {
                return printPlan(client, config, nix, prebuilt, outDir);
            }
            Signals.stopRunsGracefully(Thread.currentThread(), CLEANUP_GRACE);
            DeployResult result = new BuildAndDeploy(client, nix.renderer(), nix.builder(),
                    context.clock(), context.sleeper(), events)
                    .run(config, new DeployOptions(prebuilt, keepFailed, updateNixpkgs, outDir,
                            Optional.ofNullable(stateDir).map(context.workingDirectory()::resolve)
                                    .orElse(DeployOptions.defaultStateDir(outDir)), VersionProvider.version()));
            new DeploySummary(context.out()).print(result, outDir);
            return ExitCodes.OK;
        }
    }

    private int printPlan(ProxmoxClient client, NixpveConfig config, NixTooling nix, Optional<Path> prebuilt,
                          Path outDir) throws Exception {
        DryRun.Plan plan = new DryRun(client, nix.renderer(), nix.builder(), context.clock(), new ConsoleEvents(context))
                .plan(config, prebuilt, outDir, updateNixpkgs, VersionProvider.version());
        InstallerImage image = plan.result().image();
        context.out().println("Dry run: nothing is changed. Build " + image.shortId() + " (" + image.origin() + ")"
                + " on node " + config.target().node() + "; the run would make these calls:");
        if (plan.result().reused()) {
            context.out().println("  # template " + plan.result().vmid() + " is already built from build "
                    + image.shortId() + " and verified: nothing to create; the outputs would be rewritten");
        }
        plan.writes().forEach(call -> context.out().println("  " + call));
        context.out().println("and write " + outDir.resolve("template.auto.tfvars.json") + ", templates.json and "
                + "build-report.json.");
        return ExitCodes.OK;
    }

    private EventSink events() {
        if (logFormat == LogFormat.json) {
            return new JsonLinesEvents(context, context.clock());
        }
        // Surefire and cron have no console: they get plain quarter-way lines instead of a bar.
        return new PipelineConsole(context, System.console() != null, System.err);
    }
}
