package dev.nixpve.cli;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.event.EventSink;
import dev.nixpve.nix.BuiltIso;
import dev.nixpve.nix.IsoBuildException;
import dev.nixpve.nix.RenderedTree;
import dev.nixpve.nix.TemplateRenderer;
import dev.nixpve.nix.TemplateSource;
import dev.nixpve.pipeline.ImageRenderer;
import java.nio.file.Path;
import java.util.List;

/** Chooses the renderer and the ISO builder (local, docker, ssh) a command uses, from the configuration. */
final class NixTooling {

    private final CliContext context;
    private final NixpveConfig config;

    NixTooling(CliContext context, NixpveConfig config) {
        this.context = context;
        this.config = config;
    }

    ImageRenderer renderer() {
        TemplateRenderer renderer = new TemplateRenderer(TemplateSource.classpath(), context.clock(),
                VersionProvider.version());
        return renderer::render;
    }

    /** The configured builder; until the builders land (issue 4), a clear refusal that points at --iso. */
    IsoBuilder builder() {
        return new IsoBuilder() {
            @Override
            public BuiltIso build(RenderedTree tree, Path outDir, EventSink events) throws IsoBuildException {
                throw new IsoBuildException("the " + config.build().builder() + " ISO builder is not available in "
                        + "this version of nixpve. Hint: build the ISO with 'nix build' in the tree nixpve rendered ("
                        + tree.directory() + ") and pass it with --iso FILE, or try --demo.", List.of());
            }

            @Override
            public String describe() {
                return config.build().builder().toString();
            }
        };
    }
}
