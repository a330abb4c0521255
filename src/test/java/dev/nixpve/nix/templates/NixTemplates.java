package dev.nixpve.nix.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shipped nix-templates/ directory and its MANIFEST, as the renderer sees them. */
final class NixTemplates {

    static final Path DIR = Path.of("nix-templates");
    static final Path INSTALL_SCRIPT = DIR.resolve("installer/nixpve-install.sh");

    private NixTemplates() {
    }

    /** The paths MANIFEST lists, in order: one per line, blank lines and # comments ignored. */
    static List<String> manifest() {
        try (Stream<String> lines = Files.lines(DIR.resolve("MANIFEST"), StandardCharsets.UTF_8)) {
            return lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under nix-templates/, relative, with / separators, sorted. */
    static List<String> files() {
        try (Stream<Path> walk = Files.walk(DIR)) {
            return walk.filter(Files::isRegularFile).map(p -> DIR.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the MANIFEST files into {@code tree}, as the renderer does (without the JSON files). */
    static void copyInto(Path tree) throws IOException {
        for (String file : manifest()) {
            Path target = tree.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(DIR.resolve(file), target);
        }
    }
}
