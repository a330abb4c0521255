package dev.nixpve.pipeline.steps;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.StepId;
import dev.nixpve.nix.BuiltIso;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.RenderedTree;

/** Builds the installer ISO of a rendered tree and keeps it in the ISO cache under its build id. */
public final class BuildIso implements Step<InstallerImage> {

    private final IsoBuilder builder;
    private final IsoCache cache;
    private final EventSink events;
    private final RenderedTree tree;
    private final String imageName;

    public BuildIso(IsoBuilder builder, IsoCache cache, EventSink events, RenderedTree tree, String imageName) {
        this.builder = builder;
        this.cache = cache;
        this.events = events;
        this.tree = tree;
        this.imageName = imageName;
    }

    @Override
    public StepId id() {
        return StepId.BUILD_ISO;
    }

    @Override
    public InstallerImage run() throws Exception {
        BuiltIso built = builder.build(tree, cache.directory(), events);
        return cache.store(tree, imageName, built, "nix build (" + builder.describe() + ")");
    }

    @Override
    public String summary(InstallerImage image) {
        return image.file().getFileName() + ", " + (image.size() >> 20) + " MiB, sha256 " + image.sha256().substring(0, 12);
    }
}
