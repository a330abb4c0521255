package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.InstallerImage;
import dev.nixpve.pipeline.steps.ImageRenderer;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.StepId;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.RenderedTree;
import dev.nixpve.pipeline.steps.BuildIso;
import dev.nixpve.pipeline.steps.IsoCache;
import dev.nixpve.pipeline.steps.PrebuiltIso;
import dev.nixpve.pipeline.steps.RenderTree;
import java.util.Optional;

/**
 * Where a run's installer ISO comes from: the --iso file (render and build skipped), the ISO cache
 * when this build was built before, or the render and build-iso steps.
 */
final class ImageSource {

    private final ImageRenderer renderer;
    private final IsoBuilder builder;
    private final EventSink events;
    private final StepRunner steps;

    ImageSource(ImageRenderer renderer, IsoBuilder builder, EventSink events, StepRunner steps) {
        this.renderer = renderer;
        this.builder = builder;
        this.events = events;
        this.steps = steps;
    }

    InstallerImage obtain(NixpveConfig config, DeployOptions options) throws Exception {
        if (options.prebuiltIso().isPresent()) {
            InstallerImage prebuilt = PrebuiltIso.identify(options.prebuiltIso().get());
            steps.skip(StepId.RENDER, "--iso given");
            steps.skip(StepId.BUILD_ISO, "--iso " + prebuilt.file().getFileName() + ": build id is its sha256 "
                    + prebuilt.shortId());
            return prebuilt;
        }
        RenderedTree tree = steps.run(new RenderTree(renderer, builder, events, config,
                options.outDir().resolve("tree"), options.updateNixpkgs()));
        IsoCache cache = new IsoCache(options.outDir().resolve("iso"));
        Optional<InstallerImage> cached = cache.lookup(tree, config.image().name());
        if (cached.isPresent()) {
            steps.skip(StepId.BUILD_ISO, "the ISO of build " + cached.get().shortId() + " is already in "
                    + cache.directory());
            return cached.get();
        }
        return steps.run(new BuildIso(builder, cache, events, tree, config.image().name()));
    }
}
