package dev.nixpve.cli;

/** Entry point of the nixpve command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(NixpveCommand.commandLine(CliContext.system()).execute(args));
    }
}
