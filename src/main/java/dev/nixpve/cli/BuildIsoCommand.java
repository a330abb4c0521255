package dev.nixpve.cli;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.ConfigOverride;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.OutputLine;
import dev.nixpve.nix.BuiltIso;
import dev.nixpve.nix.IsoBuildException;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.RenderException;
import dev.nixpve.nix.RenderedTree;
import dev.nixpve.nix.TemplateRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nixpve build-iso}: renders the tree into DIR/tree and builds the installer ISO into DIR. */
@Command(name = "build-iso", mixinStandardHelpOptions = true,
        description = {"Build the self-installing NixOS ISO: locally, in Docker or on an SSH host.",
                "Renders the build tree into DIR/tree, pins nixpkgs (nix flake lock) unless DIR/tree/flake.lock "
                        + "already does, builds with the builder build.builder names and puts the ISO "
                        + "into DIR, then prints its path, size, SHA-256, build id and the nixpkgs revision it was "
                        + "built from. A first build takes a while; --verbose shows the build log as it runs."})
final class BuildIsoCommand implements Callable<Integer> {

    static final String TREE = "tree";

    private final CliContext context;

    @Mixin
    private ConfigOptions configOptions;

    @Mixin
    private RenderCommand.TemplateOptions templateOptions;

    @Option(names = "--builder", paramLabel = "BUILDER",
            description = "local, docker or ssh://[user@]host[:port] (build.builder; default: local).")
    String builder;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: output.dir, ./out).")
    Path out;

    BuildIsoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws ConfigException, UsageException, RenderException, IsoBuildException,
            InterruptedException {
        templateOptions.requireUsable(context);
        NixpveConfig config = configOptions.load(context,
                builder == null ? List.of() : List.of(new ConfigOverride("build.builder", builder, "--builder")));
        Path outDir = out == null ? config.outputDir() : context.workingDirectory().resolve(out);
        UsablePaths.writableDirectory(outDir, out == null ? "output.dir" : "--out");
        NixTooling tooling = templateOptions.tooling(context, config);
        Path treeDir = outDir.resolve(TREE);
        RenderedTree tree = tooling.templateRenderer().render(config, treeDir);
        IsoBuilder isoBuilder = tooling.builder();
        if (!Files.isRegularFile(treeDir.resolve(TemplateRenderer.FLAKE_LOCK))) {
            // Pin nixpkgs first and render again: the id then covers the revision that is built.
            isoBuilder.lock(tree, new BuildEvents(context));
            tree = tooling.templateRenderer().render(config, treeDir);
        }
        context.out().println("Building the installer ISO for build " + tree.identity().buildId() + " ("
                + isoBuilder.describe() + ")" + (context.verbose().get() ? "" : "; --verbose shows the build log"));
        context.out().flush();
        BuiltIso iso = isoBuilder.build(tree, outDir, new BuildEvents(context));
        context.out().println("ISO:      " + iso.iso());
        context.out().println("Size:     " + Bytes.format(iso.size()));
        context.out().println("SHA-256:  " + iso.sha256());
        context.out().println("Build id: " + tree.identity().buildId());
        context.out().println("nixpkgs:  " + iso.nixpkgsRevision().orElse("unknown"));
        context.out().flush();
        return ExitCodes.OK;
    }

    /**
     * Build log lines go to stderr with --verbose; otherwise a line a minute says the build is alive,
     * since a first build can run for an hour.
     */
    static final class BuildEvents implements EventSink {

        static final Duration HEARTBEAT = Duration.ofMinutes(1);

        private final CliContext context;
        private final ConsoleEvents console;
        private Instant lastHeartbeat;
        private long lines;

        BuildEvents(CliContext context) {
            this.context = context;
            this.console = new ConsoleEvents(context);
            this.lastHeartbeat = context.clock().instant();
        }

        @Override
        public synchronized void emit(Event event) {
            if (!(event instanceof OutputLine line)) {
                console.emit(event);
                return;
            }
            lines++;
            if (context.verbose().get()) {
                context.err().println(line.source() + "> " + line.line());
                return;
            }
            Instant now = context.clock().instant();
            if (!now.isBefore(lastHeartbeat.plus(HEARTBEAT))) {
                lastHeartbeat = now;
                context.out().println("still building (" + lines + " log lines so far)");
                context.out().flush();
            }
        }
    }
}
