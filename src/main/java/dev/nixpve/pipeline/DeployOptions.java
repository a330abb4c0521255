package dev.nixpve.pipeline;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a build-and-deploy run behaves: a prebuilt ISO instead of a build, keep failed VMs, whether to
 * re-resolve nixpkgs (drop the tree's flake.lock) before rendering, where outputs and run journals go,
 * and whether a template that is current already is built again ({@link Freshness}).
 */
public record DeployOptions(Optional<Path> prebuiltIso, boolean keepFailed, boolean updateNixpkgs, Path outDir,
                            Path stateDir, String nixpveVersion, Freshness freshness) {

    /** The state directory's default: {@code <out>/state}, beside the outputs it explains. */
    public static Path defaultStateDir(Path outDir) {
        return outDir.resolve("state");
    }
}
