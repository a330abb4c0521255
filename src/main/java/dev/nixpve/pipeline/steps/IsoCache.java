package dev.nixpve.pipeline.steps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nixpve.nix.BuiltIso;
import dev.nixpve.nix.RenderedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Built ISOs kept in {@code OUT/iso}, one per build id, each with a small JSON record of its
 * checksum and nixpkgs revision. A hit is trusted only when the file still has that checksum.
 */
public final class IsoCache {

    record Entry(String buildId, String sha256, long size, String nixpkgsRevision, String origin) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path directory;

    public IsoCache(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public Optional<InstallerImage> lookup(RenderedTree tree, String templateName) throws IOException {
        Path iso = isoPath(tree, templateName);
        Path record = recordPath(iso);
        if (!Files.isRegularFile(iso) || !Files.isRegularFile(record)) {
            return Optional.empty();
        }
        Entry entry = JSON.readValue(record.toFile(), Entry.class);
        if (!entry.buildId().equals(tree.identity().buildId()) || Files.size(iso) != entry.size()
                || !IsoFiles.sha256(iso).equals(entry.sha256())) {
            return Optional.empty();
        }
        return Optional.of(new InstallerImage(iso, entry.sha256(), entry.size(), entry.buildId(),
                tree.identity().buildToken(), Optional.ofNullable(entry.nixpkgsRevision()), "cached " + entry.origin()));
    }

    /** Moves a fresh build into the cache under its build's name and records it. */
    public InstallerImage store(RenderedTree tree, String templateName, BuiltIso built, String origin)
            throws IOException {
        Files.createDirectories(directory);
        Path iso = isoPath(tree, templateName);
        if (!built.iso().toAbsolutePath().equals(iso.toAbsolutePath())) {
            Files.move(built.iso(), iso, StandardCopyOption.REPLACE_EXISTING);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(recordPath(iso).toFile(), new Entry(
                tree.identity().buildId(), built.sha256(), built.size(), built.nixpkgsRevision().orElse(null), origin));
        return new InstallerImage(iso, built.sha256(), built.size(), tree.identity().buildId(),
                tree.identity().buildToken(), built.nixpkgsRevision(), origin);
    }

    private Path isoPath(RenderedTree tree, String templateName) {
        return directory.resolve("nixpve-" + templateName + "-" + tree.identity().buildToken() + ".iso");
    }

    private static Path recordPath(Path iso) {
        return iso.resolveSibling(iso.getFileName() + ".json");
    }
}
