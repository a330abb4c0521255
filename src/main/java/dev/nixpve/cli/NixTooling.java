package dev.nixpve.cli;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.pipeline.ImageRenderer;

/** Chooses the renderer and the ISO builder (local, docker, ssh) a command uses, from the configuration. */
final class NixTooling {

    private final CliContext context;
    private final NixpveConfig config;

    NixTooling(CliContext context, NixpveConfig config) {
        this.context = context;
        this.config = config;
    }

    ImageRenderer renderer() {
        throw new UnsupportedOperationException("wired when the nix package lands");
    }

    IsoBuilder builder() {
        throw new UnsupportedOperationException("wired when the nix package lands");
    }
}
