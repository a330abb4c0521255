package dev.nixpve.nix;

import dev.nixpve.config.BuildSettings;
import dev.nixpve.config.BuilderTarget;
import java.nio.file.Path;
import java.util.List;

/** Creates the builder for {@code build.builder: ssh://...}; the ssh package provides it, so nix does not depend on sshj. */
@FunctionalInterface
public interface RemoteBuilderFactory {

    IsoBuilder create(BuilderTarget.Ssh target, BuildSettings settings);

    /** Until an SSH builder is wired in: a builder that explains, at build time, that it is missing. */
    static RemoteBuilderFactory unavailable() {
        return (target, settings) -> new IsoBuilder() {
            @Override
            public BuiltIso build(RenderedTree tree, Path outDir, dev.nixpve.event.EventSink events)
                    throws IsoBuildException {
                throw new IsoBuildException("building over SSH (" + target + ") is not available in this version of "
                        + "nixpve. Hint: set build.builder: local (needs Nix) or build.builder: docker, or use "
                        + "--builder local", List.of());
            }

            @Override
            public String describe() {
                return target.toString();
            }
        };
    }
}
