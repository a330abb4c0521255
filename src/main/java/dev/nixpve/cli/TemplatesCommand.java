package dev.nixpve.cli;

import dev.nixpve.config.Durations;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeSelection;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.emit.TemplateManifest;
import dev.nixpve.pipeline.PruneRun;
import dev.nixpve.pipeline.steps.TemplateCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nixpve templates}: the templates nixpve built of this image, and their housekeeping. */
@Command(name = "templates", mixinStandardHelpOptions = true,
        description = "The templates nixpve built of this image: list them, prune old ones.",
        subcommands = {TemplatesCommand.ListCommand.class, TemplatesCommand.PruneCommand.class})
final class TemplatesCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    TemplatesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return ExitCodes.USAGE;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Per node: each template's VMID, name, build id, nixpkgs revision, creation time, age, "
                    + "status (current: the one OUT/templates.json gives Terraform, else the newest verified; "
                    + "retired, failed, unverified) and the guests that use it (clones carrying its build tag, "
                    + "linked clones of its disk). Changes nothing.")
    static final class ListCommand implements Callable<Integer> {

        private final CliContext context;

        @Mixin
        private ConfigOptions configOptions;

        @Option(names = "--all-nodes", description = "List every node's templates, not only those of target.node "
                + "or target.nodes (--node picks others; --node all is every node too).")
        boolean allNodes;

        @Mixin
        private RunDirectories directories;

        ListCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            if (allNodes && configOptions.nodes != null) {
                throw new UsageException("--all-nodes", "and --node " + String.join(",", configOptions.nodes)
                        + " contradict each other: one lists every node, the other names nodes",
                        "keep --all-nodes (or --node all) for every node, or --node for the nodes named");
            }
            try (PveSession pve = PveSession.open(context, configOptions, new ConsoleEvents(context))) {
                NixpveConfig config = pve.config();
                // target.nodes: all, or --all-nodes: every node; else the nodes the configuration names.
                Optional<List<String>> nodes = allNodes || config.target().nodes() instanceof NodeSelection.All
                        ? Optional.empty() : Optional.of(((NodeSelection.Named) config.target().nodes()).nodes());
                List<TemplateCatalog.Entry> entries = new TemplateCatalog(pve.client()).list(config.image().name(),
                        nodes,
                        TemplateManifest.publishedVmids(directories.outDir(context, config), config.image().name()));
                if (entries.isEmpty()) {
                    context.out().println("No templates of image " + config.image().name()
                            + nodes.map(n -> " on " + String.join(", ", n)).orElse("") + ".");
                    return ExitCodes.OK;
                }
                print(entries);
                return ExitCodes.OK;
            }
        }

        private void print(List<TemplateCatalog.Entry> entries) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NODE", "VMID", "NAME", "BUILD", "NIXPKGS", "CREATED", "AGE", "STATUS", "USED BY"});
            for (TemplateCatalog.Entry e : entries) {
                rows.add(new String[] {e.node(), Integer.toString(e.vmid()), e.name(), shortened(e.buildId()),
                        shortened(e.nixpkgsRevision()), e.created().toString(),
                        Durations.format(Duration.between(e.created(), context.clock().instant())),
                        e.standing().name().toLowerCase(Locale.ROOT),
                        e.users().isEmpty() ? "-" : String.join("; ", e.users())});
            }
            int[] widths = new int[rows.get(0).length];
            rows.forEach(r -> {
                for (int i = 0; i < r.length; i++) {
                    widths[i] = Math.max(widths[i], r[i].length());
                }
            });
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
                }
                context.out().println(line.toString().stripTrailing());
            }
        }

        private static String shortened(String id) {
            return id.length() > 12 ? id.substring(0, 12) : id;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Apply retention (retention.templates, retention.isos) now, as a build does at its end, "
                    + "on target.node, or on each node of target.nodes (several --node, or --node all: every online "
                    + "node) in turn: remove old and failed templates and old ISOs, never the current template, "
                    + "one OUT/templates.json gives Terraform, nor one a guest still uses. Says per node what it "
                    + "removed and why each kept template was kept. A node is pruned under the image's lock there: "
                    + "exits 3 while a run builds this image on it (the other nodes are pruned). A node that is "
                    + "offline or does not answer is reported, the others are pruned, and it exits 1.")
    static final class PruneCommand implements Callable<Integer> {

        private final CliContext context;

        @Mixin
        private ConfigOptions configOptions;

        @Option(names = "--dry-run", description = "Say what would be removed, and remove nothing.")
        boolean dryRun;

        @Mixin
        private RunDirectories directories;

        PruneCommand(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            ConsoleEvents events = new ConsoleEvents(context);
            try (PveSession pve = PveSession.open(context, configOptions, events,
                    config -> directories.requireWritableState(context, config))) {
                NixpveConfig config = pve.config();
                ChosenNodes nodes = ChosenNodes.of(config.target(), pve.client(), events);
                List<NodeTarget> reachable = nodes.targets().stream().filter(t -> !nodes.isOffline(t.node()))
                        .toList();
                PruneRun.Result result = new PruneRun(pve.client(), context.clock(), context.sleeper(), events)
                        .run(config, reachable, directories.outDir(context, config),
                                directories.stateDir(context, config), dryRun);
                return new PrunePrinter(context, dryRun, nodes.several()).print(result, nodes.offline());
            }
        }
    }
}
