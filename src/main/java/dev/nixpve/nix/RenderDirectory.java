package dev.nixpve.nix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The output directory of a render. A directory holding {@value BuildIdentity#FILE_NAME} is a
 * previous render and belongs to nixpve: its contents are replaced, except {@code flake.lock},
 * which pins nixpkgs between builds. Any other non-empty directory is refused, so a mistyped
 * {@code --out} never wipes someone's files.
 */
final class RenderDirectory {

    /** Survive the clean-up: the lock pins nixpkgs; the marker keeps a half-written render recognisable. */
    private static final Set<String> KEPT = Set.of(TemplateRenderer.FLAKE_LOCK, BuildIdentity.FILE_NAME);

    private RenderDirectory() {
    }

    static void prepare(Path dir) throws RenderException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw RenderException.refused(RenderException.Reason.NOT_A_DIRECTORY, dir + " exists and is not a "
                    + "directory");
        }
        try {
            Files.createDirectories(dir);
            List<Path> entries;
            try (Stream<Path> list = Files.list(dir)) {
                entries = list.filter(p -> !p.getFileName().toString().equals(TemplateRenderer.FLAKE_LOCK)).toList();
            }
            if (entries.isEmpty()) {
                return;
            }
            if (!Files.isRegularFile(dir.resolve(BuildIdentity.FILE_NAME))) {
                throw RenderException.refused(RenderException.Reason.FOREIGN_DIRECTORY, dir + " is not empty and "
                        + "holds no previous render (no " + BuildIdentity.FILE_NAME + ")");
            }
            for (Path entry : entries) {
                if (!KEPT.contains(entry.getFileName().toString())) {
                    FileTrees.deleteRecursively(entry);
                }
            }
        } catch (IOException e) {
            throw RenderException.failed(RenderException.Reason.TREE_UNWRITABLE, "cannot prepare the build tree "
                    + dir + ": " + e, e);
        }
    }
}
