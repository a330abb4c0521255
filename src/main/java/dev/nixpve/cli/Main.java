package dev.nixpve.cli;

import dev.nixpve.proxmox.wire.JvmHttpSettings;

/** Entry point of the nixpve command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        JvmHttpSettings.apply();
        Signals.enable();
        System.exit(NixpveCommand.commandLine(CliContext.system()).execute(args));
    }
}
