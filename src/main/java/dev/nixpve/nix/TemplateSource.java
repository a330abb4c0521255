package dev.nixpve.nix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the shipped Nix templates come from: the jar (nix-templates/ is packaged under
 * {@value #CLASSPATH_ROOT}) or a directory. MANIFEST lists the files, since a jar cannot be listed.
 */
public interface TemplateSource {

    String CLASSPATH_ROOT = "dev/nixpve/nix/templates/";

    /** The relative paths MANIFEST lists, in its order. */
    List<String> files() throws IOException;

    byte[] read(String relativePath) throws IOException;

    static TemplateSource classpath() {
        return new TemplateSource() {
            @Override
            public List<String> files() throws IOException {
                return manifest(new String(read("MANIFEST"), StandardCharsets.UTF_8));
            }

            @Override
            public byte[] read(String relativePath) throws IOException {
                try (InputStream in = TemplateSource.class.getClassLoader()
                        .getResourceAsStream(CLASSPATH_ROOT + relativePath)) {
                    if (in == null) {
                        throw new IOException("template file " + relativePath + " is missing from the jar; "
                                + "MANIFEST lists it but nix-templates/ does not have it");
                    }
                    return in.readAllBytes();
                }
            }
        };
    }

    static TemplateSource directory(Path root) {
        return new TemplateSource() {
            @Override
            public List<String> files() throws IOException {
                return manifest(Files.readString(root.resolve("MANIFEST")));
            }

            @Override
            public byte[] read(String relativePath) throws IOException {
                return Files.readAllBytes(root.resolve(relativePath));
            }
        };
    }

    private static List<String> manifest(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
