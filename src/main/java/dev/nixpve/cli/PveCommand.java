package dev.nixpve.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nixpve pve ...}: commands that talk to Proxmox VE directly. */
@Command(name = "pve", description = "Check the connection to Proxmox VE.", subcommands = {PveCheckCommand.class})
final class PveCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    PveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return ExitCodes.USAGE;
    }
}
