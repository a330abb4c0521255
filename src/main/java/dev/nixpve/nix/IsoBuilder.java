package dev.nixpve.nix;

import dev.nixpve.event.EventSink;
import java.nio.file.Path;

/**
 * Builds the installer ISO from a rendered tree: locally, in Docker or on a remote host over SSH.
 * Build log lines are emitted as {@link dev.nixpve.event.OutputLine} events as they arrive.
 */
public interface IsoBuilder {

    /** Builds and places the ISO in {@code outDir}; the returned file is complete and checksummed. */
    BuiltIso build(RenderedTree tree, Path outDir, EventSink events) throws IsoBuildException, InterruptedException;

    /** For messages: local, docker, ssh://host. */
    String describe();
}
