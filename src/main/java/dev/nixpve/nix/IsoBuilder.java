package dev.nixpve.nix;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds the installer ISO from a rendered tree: locally, in Docker or on a remote host over SSH.
 * Build log lines are emitted as {@link dev.nixpve.event.OutputLine} events as they arrive.
 */
public interface IsoBuilder {

    /**
     * Pins nixpkgs before the build id is taken: a tree without {@code flake.lock} gets one from
     * {@code nix flake lock}, so the id covers the revision that will be built, and a re-render
     * (which keeps the lock) gives the same id. A tree with a lock is left alone. Returns the locked
     * nixpkgs revision when the lock names one.
     */
    default Optional<String> lock(RenderedTree tree, EventSink events) throws IsoBuildException, InterruptedException {
        Path lock = tree.directory().resolve(TemplateRenderer.FLAKE_LOCK);
        if (!Files.isRegularFile(lock)) {
            events.emit(LogEvent.info("pinning nixpkgs with nix flake lock (" + describe() + ")"));
            createLock(tree, events);
            if (!Files.isRegularFile(lock)) {
                throw new IsoBuildException(IsoBuildException.Reason.NO_LOCK_FILE, "nix flake lock (" + describe()
                        + ") finished but " + lock + " does not exist", java.util.List.of());
            }
        }
        return FlakeLock.nixpkgsRevision(tree.directory());
    }

    /** Runs {@code nix flake lock} for the tree so that {@code flake.lock} appears in the local tree. */
    void createLock(RenderedTree tree, EventSink events) throws IsoBuildException, InterruptedException;

    /** Builds and places the ISO in {@code outDir}; the returned file is complete and checksummed. */
    BuiltIso build(RenderedTree tree, Path outDir, EventSink events) throws IsoBuildException, InterruptedException;

    /** For messages: local, docker, ssh://host. */
    String describe();
}
