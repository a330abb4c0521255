package dev.nixpve.nix;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A finished installer ISO on the local disk, with the nixpkgs revision the build resolved (read
 * from the flake.lock the build wrote; empty when unknown, e.g. a prebuilt ISO).
 */
public record BuiltIso(Path iso, long size, String sha256, Optional<String> nixpkgsRevision) {
}
