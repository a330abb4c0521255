package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.ConfigOverride;
import dev.nixpve.testing.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parsing is tested apart from execution: flags become config overrides, help lists working commands. */
class CommandLineParsingTest {

    private static CliContext context() {
        FakeClock clock = new FakeClock();
        return new CliContext(Map.of(), Path.of("."), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), clock, clock, new AtomicBoolean());
    }

    @Test
    void configFlagsBecomeOverridesNamedAfterTheirFlag() {
        CommandLine cli = NixpveCommand.commandLine(context());
        CommandLine.ParseResult parsed = cli.parseArgs("pve", "check", "--endpoint", "https://pve:8006/", "--node",
                "pve2", "--insecure", "--fingerprint", "AA:BB", "--ca-file", "ca.pem");

        CommandLine check = parsed.subcommand().subcommand().commandSpec().commandLine();
        ConfigOptions options = ((PveCheckCommand) check.getCommand()).configOptions();

        assertEquals(List.of(new ConfigOverride("proxmox.endpoint", "https://pve:8006/", "--endpoint"),
                new ConfigOverride("target.node", "pve2", "--node"),
                new ConfigOverride("proxmox.fingerprint", "AA:BB", "--fingerprint"),
                new ConfigOverride("proxmox.caFile", "ca.pem", "--ca-file"),
                new ConfigOverride("proxmox.insecure", "true", "--insecure")), options.overrides());
    }

    @Test
    void oneNodeSetsTargetNodeAndSeveralOrAllSetTargetNodes() {
        assertEquals(List.of(new ConfigOverride("target.node", "pve2", "--node")), nodeOverrides("--node", "pve2"));
        assertEquals(List.of(new ConfigOverride("target.nodes", "pve1,pve2", "--node")),
                nodeOverrides("--node", "pve1", "--node", "pve2"));
        assertEquals(List.of(new ConfigOverride("target.nodes", "pve1,pve2,pve3", "--node")),
                nodeOverrides("--node", "pve1,pve2", "--node", "pve3"));
        assertEquals(List.of(new ConfigOverride("target.nodes", "all", "--node")), nodeOverrides("--node", "all"),
                "all is every node, never a node's name");
        assertEquals(List.of(new ConfigOverride("target.nodes", "all,pve2", "--node")),
                nodeOverrides("--node", "all", "--node", "pve2"), "the loader refuses all among names, naming --node");
    }

    @Test
    void everyCommandWithNodeTakesItRepeatedly() {
        List<String> withNode = new java.util.ArrayList<>();
        commandsWithNode(NixpveCommand.commandLine(context()), withNode);

        assertTrue(withNode.containsAll(List.of("nixpve build-and-deploy-template", "nixpve rebuild",
                "nixpve pve check", "nixpve templates list", "nixpve templates prune")), withNode.toString());
    }

    private static void commandsWithNode(CommandLine command, List<String> found) {
        CommandLine.Model.OptionSpec node = command.getCommandSpec().findOption("--node");
        if (node != null) {
            assertTrue(node.isMultiValue(), command.getCommandSpec().qualifiedName() + " --node");
            found.add(command.getCommandSpec().qualifiedName());
        }
        command.getSubcommands().values().forEach(sub -> commandsWithNode(sub, found));
    }

    private static List<ConfigOverride> nodeOverrides(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "pve";
        all[1] = "check";
        System.arraycopy(args, 0, all, 2, args.length);
        CommandLine.ParseResult parsed = NixpveCommand.commandLine(context()).parseArgs(all);
        return ((PveCheckCommand) parsed.subcommand().subcommand().commandSpec().userObject()).configOptions()
                .overrides();
    }

    @Test
    void noFlagsMeansNoOverrides() {
        CommandLine.ParseResult parsed = NixpveCommand.commandLine(context()).parseArgs("pve", "check");
        PveCheckCommand check = (PveCheckCommand) parsed.subcommand().subcommand().commandSpec().userObject();

        assertTrue(check.configOptions().overrides().isEmpty());
    }

    @Test
    void helpListsEveryCommand() {
        CliRun run = CliRun.run(Map.of(), Path.of("."), "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().matches("(?s).*pve +Check the connection to Proxmox VE\\..*"), run.out());
        assertTrue(run.out().matches("(?s).*render +Render the NixOS build tree.*"), run.out());
        assertTrue(run.out().matches("(?s).*build-iso +Build the self-installing NixOS ISO.*"), run.out());
        assertTrue(run.out().matches("(?s).*sim +Run the built-in Proxmox VE simulator.*"), run.out());
        assertTrue(run.out().matches("(?s).*inventory +Write an Ansible inventory of the VMs.*"), run.out());
        assertTrue(run.out().contains("build-and-deploy-template"), run.out());
    }

    @Test
    void versionComesFromTheBuild() {
        CliRun run = CliRun.run(Map.of(), Path.of("."), "--version");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("nixpve " + VersionProvider.version()), run.out());
        assertFalse(run.out().contains("unknown"), run.out());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun run = CliRun.run(Map.of(), Path.of("."), "frobnicate");

        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("Unmatched argument"), run.err());
    }
}
