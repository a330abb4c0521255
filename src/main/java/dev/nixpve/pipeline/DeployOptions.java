package dev.nixpve.pipeline;

import java.nio.file.Path;
import java.util.Optional;

/** How a build-and-deploy run behaves: a prebuilt ISO instead of a build, keep failed VMs, where outputs go. */
public record DeployOptions(Optional<Path> prebuiltIso, boolean keepFailed, Path outDir, String nixpveVersion) {
}
