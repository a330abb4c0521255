package dev.nixpve.cli;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.pipeline.RecoverRun;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.pipeline.steps.Recover;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nixpve recover}: clean up what killed runs of this image left, and nothing else. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Clean up after runs of this image that were killed (kill -9, OOM, a reboot): their "
                + "installer VMs, smoke-test clones and templates that were never verified, found in the state "
                + "directory's journals and by the run tags on the cluster's VMs. Runs that are alive are never "
                + "touched. build-and-deploy-template does the same before it builds. Works on target.nodes (or "
                + "several --node, or --node all: every online node) at once, holding the image's lock on each "
                + "(exits 3 while a run builds the image on one of them). Prints one line per thing found, naming "
                + "its node; exits 0 when all is dealt with, 1 when a node named explicitly is offline (the others "
                + "are recovered).")
final class RecoverCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--keep-failed", description = "Keep what killed runs left, stopped and tagged failed, for "
            + "inspection, instead of removing it.")
    boolean keepFailed;

    @Mixin
    private RunDirectories directories;

    RecoverCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        ConsoleEvents events = new ConsoleEvents(context);
        try (PveSession pve = PveSession.open(context, configOptions, events,
                config -> directories.requireWritableState(context, config))) {
            NixpveConfig config = pve.config();
            ChosenNodes nodes = ChosenNodes.of(config.target(), pve.client(), events);
            Recover.Report report = new RecoverRun(pve.client(), context.clock(), context.sleeper(), events)
                    .run(config, nodes.targets(), directories.stateDir(context, config), keepFailed);
            print(config.image().name(), nodes, report);
            nodes.offline().forEach(node -> context.err().println("error: node " + node + " is offline, so "
                    + "nothing was recovered there: what earlier runs left on it stays for a later run. Hint: once "
                    + "it is back ('nixpve pve check --node " + node + "'), run nixpve recover again."));
            return nodes.offline().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /** One line per finding, each naming its node, node by node; with several nodes, those where nothing was left. */
    private void print(String image, ChosenNodes nodes, Recover.Report report) {
        List<Recover.Finding> findings = report.findings().stream()
                .sorted(Comparator.comparing(f -> f.resource().node())).toList();
        if (findings.isEmpty()) {
            context.out().println("Nothing left by earlier runs of " + image + (nodes.several() ? " on "
                    + nodes.targets().stream().map(NodeTarget::node).collect(Collectors.joining(", ")) : "") + ".");
            return;
        }
        findings.forEach(f -> context.out().println(f.line()));
        if (nodes.several()) {
            nodes.targets().stream().map(NodeTarget::node)
                    .filter(node -> findings.stream().noneMatch(f -> f.resource().node().equals(node)))
                    .forEach(node -> context.out().println("Nothing left by earlier runs of " + image + " on "
                            + node + "."));
        }
    }
}
