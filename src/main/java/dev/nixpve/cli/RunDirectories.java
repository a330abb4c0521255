package dev.nixpve.cli;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.pipeline.DeployOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a command finds the outputs and the runs' state: --out and --state-dir, shared by the commands that run. */
final class RunDirectories {

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: output.dir, ./out).")
    Path out;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where runs keep their journals, locks and "
            + "metrics history, so the next run can clean up after one that was killed (default: OUT/state). "
            + "Runs that share a cluster and an image should share it.")
    Path stateDir;

    Path outDir(CliContext context, NixpveConfig config) {
        return Optional.ofNullable(out).map(context.workingDirectory()::resolve).orElse(config.outputDir());
    }

    /** The state directory takes the image's lock and the journals: tried before anything is asked of PVE. */
    void requireWritableState(CliContext context, NixpveConfig config) throws UsageException {
        UsablePaths.writableDirectory(stateDir(context, config), stateDir == null
                ? "the state directory (" + (out == null ? "output.dir" : "--out") + "/state)" : "--state-dir");
    }

    Path stateDir(CliContext context, NixpveConfig config) {
        return Optional.ofNullable(stateDir).map(context.workingDirectory()::resolve)
                .orElse(DeployOptions.defaultStateDir(outDir(context, config)));
    }
}
