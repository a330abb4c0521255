package dev.nixpve.cli;

import dev.nixpve.pipeline.Freshness;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nixpve build-and-deploy-template}: the whole pipeline, from configuration to a verified template. */
@Command(name = "build-and-deploy-template", mixinStandardHelpOptions = true,
        description = {"Render the NixOS configuration, build the self-installing ISO, upload it, install a VM "
                + "unattended, turn it into a cloud-init template, smoke-test a clone, and write the Terraform "
                + "variables, the manifest and the build report.",
                "Re-running with unchanged inputs while the template exists creates nothing."})
final class BuildAndDeployCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Mixin
    private DeployFlags flags;

    @Option(names = "--demo", description = "Run everything against the built-in simulator with a stand-in ISO "
            + "(Nix builds need a real machine), then clone a small cluster and write all outputs.")
    boolean demo;

    BuildAndDeployCommand(CliContext context) {
        this.context = context;
    }

    /** A flag --demo would ignore is a contradiction: the operator meant something the demo does not do. */
    private void refuseWithDemo(boolean given, String flag, String why) {
        if (given) {
            throw new ParameterException(spec.commandLine(), "--demo and " + flag + " contradict each other: " + why
                    + ". Hint: drop " + flag + " for the demo, or drop --demo to run against your Proxmox VE");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (demo) {
            if (flags.wantsMetrics()) {
                throw new ParameterException(spec.commandLine(), "--demo writes no metrics: its runs are against "
                        + "a simulator that is gone when it ends. Hint: drop --metrics-file and --pushgateway");
            }
            refuseWithDemo(flags.iso != null, "--iso", "the demo deploys its own stand-in ISO");
            refuseWithDemo(flags.dryRun, "--dry-run", "the demo changes only a simulator of its own");
            refuseWithDemo(configOptions.endpoint != null, "--endpoint", "the demo talks only to the simulator it "
                    + "starts, never to a Proxmox VE");
            return new DemoRun(context, flags.events(context)).run(configOptions,
                    Optional.ofNullable(flags.directories.out)
                    .map(context.workingDirectory()::resolve));
        }
        return new DeployRun(context, configOptions, flags).execute(Freshness.WHEN_CHANGED);
    }
}
