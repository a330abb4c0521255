package dev.nixpve.pipeline.steps;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.StepId;
import dev.nixpve.nix.FlakeLock;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.RenderedTree;
import dev.nixpve.nix.TemplateRenderer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders the build tree with nixpkgs pinned: the first render of a tree has no flake.lock, so the
 * builder locks it and the tree is rendered again, and the build id covers the revision that will
 * be built. Later runs keep the lock, so unchanged inputs keep their id; --update-nixpkgs drops it.
 */
public final class RenderTree implements Step<RenderedTree> {

    private final ImageRenderer renderer;
    private final IsoBuilder builder;
    private final EventSink events;
    private final NixpveConfig config;
    private final Path directory;
    private final boolean updateNixpkgs;

    public RenderTree(ImageRenderer renderer, IsoBuilder builder, EventSink events, NixpveConfig config,
                      Path directory, boolean updateNixpkgs) {
        this.renderer = renderer;
        this.builder = builder;
        this.events = events;
        this.config = config;
        this.directory = directory;
        this.updateNixpkgs = updateNixpkgs;
    }

    @Override
    public StepId id() {
        return StepId.RENDER;
    }

    @Override
    public RenderedTree run() throws Exception {
        Path lock = directory.resolve(TemplateRenderer.FLAKE_LOCK);
        if (updateNixpkgs && Files.deleteIfExists(lock)) {
            events.emit(LogEvent.info("--update-nixpkgs: re-resolving " + config.image().nixpkgs()));
        }
        RenderedTree tree = renderer.render(config, directory);
        if (Files.isRegularFile(lock)) {
            return tree;
        }
        builder.lock(tree, events);
        return Files.isRegularFile(lock) ? renderer.render(config, directory) : tree;
    }

    @Override
    public String summary(RenderedTree tree) {
        return "build " + tree.identity().buildId().substring(0, 12) + " in " + tree.directory()
                + FlakeLock.nixpkgsRevision(tree.directory()).map(r -> ", nixpkgs " + r.substring(0, 12)).orElse("");
    }
}
