package dev.nixpve.nix;

import java.nio.file.Path;

/** A rendered build tree: the flake, modules, install script and the two generated JSON files. */
public record RenderedTree(Path directory, BuildIdentity identity) {
}
