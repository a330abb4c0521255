package dev.nixpve.cli;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.pipeline.RecoverRun;
import dev.nixpve.pipeline.steps.Recover;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nixpve recover}: clean up what killed runs of this image left, and nothing else. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Clean up after runs of this image that were killed (kill -9, OOM, a reboot): their "
                + "installer VMs, smoke-test clones and templates that were never verified, found in the state "
                + "directory's journals and by the run tags on the cluster's VMs. Runs that are alive are never "
                + "touched. build-and-deploy-template does the same before it builds. Prints one line per thing "
                + "found; exits 0 when all is dealt with.")
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
        try (PveSession pve = PveSession.open(context, configOptions, events)) {
            NixpveConfig config = pve.config();
            Recover.Report report = new RecoverRun(pve.client(), context.clock(), context.sleeper(), events)
                    .run(config, directories.stateDir(context, config), keepFailed);
            if (report.findings().isEmpty()) {
                context.out().println("Nothing left by earlier runs of " + config.image().name() + ".");
            }
            report.findings().forEach(f -> context.out().println(f.line()));
            return ExitCodes.OK;
        }
    }
}
