package dev.nixpve.cli.demo;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.nix.BuiltIso;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.RenderedTree;
import dev.nixpve.pipeline.steps.IsoFiles;
import dev.nixpve.sim.guest.StandInIso;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * For {@code --demo} only: instead of running Nix (which needs a real machine and an hour), writes
 * a small ISO 9660 stand-in carrying the rendered build's token and volume id. Only the simulator
 * can "install" it; it says so whenever it is used.
 */
public final class StandInIsoBuilder implements IsoBuilder {

    public static final String NIXPKGS_REVISION = "stand-in-no-nixpkgs";

    /** No Nix runs here, so nothing is locked: the demo's build id is the rendered tree's. */
    @Override
    public Optional<String> lock(RenderedTree tree, EventSink events) {
        events.emit(LogEvent.warn("DEMO: nixpkgs is not pinned (no Nix here); the build id covers the rendered "
                + "tree only"));
        return Optional.empty();
    }

    @Override
    public void createLock(RenderedTree tree, EventSink events) {
        // see lock()
    }

    @Override
    public BuiltIso build(RenderedTree tree, Path outDir, EventSink events) throws java.io.UncheckedIOException {
        BuildIdentity identity = tree.identity();
        try {
            Files.createDirectories(outDir);
            Path iso = outDir.resolve("nixpve-stand-in-" + identity.buildToken() + ".iso");
            StandInIso.write(iso, identity.buildToken(), identity.isoVolumeId());
            events.emit(LogEvent.warn("DEMO: wrote a stand-in ISO instead of running 'nix build' (Nix cannot build "
                    + "here); it only boots in the simulator"));
            return new BuiltIso(iso, Files.size(iso), IsoFiles.sha256(iso), Optional.of(NIXPKGS_REVISION));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return "stand-in for the demo";
    }
}
