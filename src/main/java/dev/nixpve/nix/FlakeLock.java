package dev.nixpve.nix;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the nixpkgs revision a build resolved from its flake.lock (lock file format version 7). */
public final class FlakeLock {

    private FlakeLock() {
    }

    /**
     * The git revision the root's {@code nixpkgs} input is locked to; empty when the tree has no lock
     * or the lock does not say. The root's input names the node, which is {@code nixpkgs} unless a
     * name clash made Nix pick {@code nixpkgs_2}.
     */
    public static Optional<String> nixpkgsRevision(Path tree) {
        Path lock = tree.resolve(TemplateRenderer.FLAKE_LOCK);
        if (!Files.isRegularFile(lock)) {
            return Optional.empty();
        }
        try {
            JsonNode root = NixJson.MAPPER.readTree(lock.toFile());
            JsonNode nodes = root.path("nodes");
            String rootName = root.path("root").asText("root");
            String node = nodes.path(rootName).path("inputs").path("nixpkgs").asText("nixpkgs");
            String rev = nodes.path(node).path("locked").path("rev").asText("");
            return rev.matches("[0-9a-f]{40}") ? Optional.of(rev) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the revision is informative; an unreadable lock must not fail a finished build
        }
    }
}
