package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.InstallerImage;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.nix.BuiltIso;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.RenderedTree;
import dev.nixpve.pipeline.steps.IsoCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The dry run's ISO builder: builds nothing and pins nothing. When the real ISO cache holds this
 * build's ISO, the plan uses it (through a link, so the cache is never moved); otherwise a
 * placeholder stands in and the plan says its checksum comes after the build.
 */
final class PlanningIsoBuilder implements IsoBuilder {

    static final String UNKNOWN_SHA256 = "<sha256 of the ISO, known after the build>";

    private final IsoBuilder real;
    private final IsoCache realCache;
    private final String imageName;

    PlanningIsoBuilder(IsoBuilder real, IsoCache realCache, String imageName) {
        this.real = real;
        this.realCache = realCache;
        this.imageName = imageName;
    }

    @Override
    public Optional<String> lock(RenderedTree tree, EventSink events) {
        if (!Files.isRegularFile(tree.directory().resolve(dev.nixpve.nix.TemplateRenderer.FLAKE_LOCK))) {
            events.emit(LogEvent.warn("nixpkgs is not pinned yet: a real run pins it first (nix flake lock), so "
                    + "its build id will differ from this plan's"));
        }
        return Optional.empty();
    }

    @Override
    public void createLock(RenderedTree tree, EventSink events) {
        // a dry run changes nothing, not even the lock
    }

    @Override
    public BuiltIso build(RenderedTree tree, Path outDir, EventSink events) throws InterruptedException {
        try {
            Files.createDirectories(outDir);
            Optional<InstallerImage> cached = realCache.lookup(tree, imageName);
            if (cached.isPresent()) {
                Path link = Files.createSymbolicLink(outDir.resolve("cached.iso"), cached.get().file().toAbsolutePath());
                return new BuiltIso(link, cached.get().size(), cached.get().sha256(), cached.get().nixpkgsRevision());
            }
            Path placeholder = Files.writeString(outDir.resolve("planned.iso"), "built by " + real.describe() + "\n");
            return new BuiltIso(placeholder, Files.size(placeholder), UNKNOWN_SHA256, Optional.empty());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return real.describe() + ", planned";
    }
}
