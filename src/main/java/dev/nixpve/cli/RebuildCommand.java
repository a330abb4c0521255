package dev.nixpve.cli;

import dev.nixpve.config.Durations;
import dev.nixpve.pipeline.Freshness;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nixpve rebuild}: the scheduled job. The same run as build-and-deploy-template, which
 * already creates nothing while the template of these inputs is current and verified, plus what a
 * timer needs to keep it fresh: rebuild it anyway when forced or once it is too old.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Keep the template fresh, for a timer: clean up after a run that died, then build, deploy "
                + "and publish a new template only when the inputs changed (with --update-nixpkgs: when the "
                + "nixpkgs branch moved), the current one is older than --max-age, or --force is given.",
                "With nothing to do it changes nothing on Proxmox VE and exits 0; while another run builds the "
                        + "same image on the same node it exits 3."})
final class RebuildCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    private ConfigOptions configOptions;

    @Mixin
    private DeployFlags flags;

    @Option(names = "--force", description = "Build a new template even when the current one is of the same inputs.")
    boolean force;

    @Option(names = "--max-age", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Build a new template when the current one is older than this, even if the inputs are "
                    + "unchanged, e.g. 13d on a weekly timer (a template is a little younger than its run). With "
                    + "--update-nixpkgs a branch's security fixes land without a change to the configuration; "
                    + "without it, the same revision is built again.")
    Duration maxAge;

    RebuildCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return new DeployRun(context, configOptions, flags).execute(new Freshness(force, Optional.ofNullable(maxAge)));
    }

    /** {@code 13d}, {@code 36h}: durations as the configuration file reads them. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage() + ". Hint: " + Durations.HINT
                        + "; 0s rebuilds on every run, as --force does");
            }
        }
    }
}
