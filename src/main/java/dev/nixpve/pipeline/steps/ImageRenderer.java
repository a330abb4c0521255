package dev.nixpve.pipeline.steps;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.nix.RenderedTree;
import java.nio.file.Path;

/** Renders the Nix build tree for a configuration (the {@code nix} package implements it). */
@FunctionalInterface
public interface ImageRenderer {

    RenderedTree render(NixpveConfig config, Path outDir) throws Exception;
}
