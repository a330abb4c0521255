package dev.nixpve.nix;

import dev.nixpve.config.BuildSettings;
import dev.nixpve.config.BuilderTarget;

/** Creates the builder for {@code build.builder: ssh://...}; production passes {@code SshNixBuilder::new}. */
@FunctionalInterface
public interface RemoteBuilderFactory {

    IsoBuilder create(BuilderTarget.Ssh target, BuildSettings settings);
}
