package dev.nixpve.pipeline;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a build-and-deploy run behaves: a prebuilt ISO instead of a build, keep failed VMs, whether to
 * re-resolve nixpkgs (drop the tree's flake.lock) before rendering, where outputs go.
 */
public record DeployOptions(Optional<Path> prebuiltIso, boolean keepFailed, boolean updateNixpkgs, Path outDir,
                            String nixpveVersion) {
}
