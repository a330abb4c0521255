package dev.nixpve.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level command. Lists only commands that work. */
@Command(name = "nixpve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Builds NixOS VM templates on Proxmox VE and keeps them fresh.",
        subcommands = {BuildAndDeployCommand.class, RebuildCommand.class, TemplatesCommand.class, PveCommand.class,
                RenderCommand.class, BuildIsoCommand.class, InventoryCommand.class, RecoverCommand.class,
                SimCommand.class},
        footer = {"", "Configuration: nixpve.yaml, PROXMOX_VE_* environment variables and flags (flags win).",
                "Exit codes: 0 ok, 1 failure, 2 usage or configuration error, 3 another run builds the same image on the "
                        + "same node (nothing done), 130/143 stopped by Ctrl-C/SIGTERM."})
public final class NixpveCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    NixpveCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show debug output and stack traces of errors.")
    void verbose(boolean value) {
        context.verbose().set(value);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return ExitCodes.USAGE;
    }

    /**
     * The configured command line, shared by {@link Main} and the tests. Its output streams neutralise
     * control characters and escapes in whatever is printed (see {@link TerminalWriter}).
     */
    public static CommandLine commandLine(CliContext given) {
        CliContext context = new CliContext(given.environment(), given.workingDirectory(),
                TerminalWriter.wrap(given.out()), TerminalWriter.wrap(given.err()), given.clock(), given.sleeper(),
                given.verbose());
        CommandLine commandLine = new CommandLine(NixpveCommand.class, new CommandFactory(context));
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF)); // plain help text
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setExecutionExceptionHandler(new ErrorReporter(context));
        commandLine.setParameterExceptionHandler(new UsageErrors(context));
        return commandLine;
    }
}
