package dev.nixpve.nix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the Nix templates come from: the copy of nix-templates/ packed into the jar (the default),
 * or a directory (tests, and trying template changes without a rebuild). Its {@value #MANIFEST}
 * lists the files to render, one relative path per line; '#' starts a comment.
 */
public interface TemplateSource {

    String MANIFEST = "MANIFEST";
    String CLASSPATH_ROOT = "dev/nixpve/nix/templates/";

    /** For messages: where the templates were read from. */
    String describe();

    /** The file's bytes; {@code relativePath} is a manifest entry. */
    byte[] read(String relativePath) throws IOException;

    /** The manifest's entries in order, checked to be plain relative paths inside the template set. */
    default List<String> files() throws IOException, RenderException {
        String manifest = new String(read(MANIFEST), StandardCharsets.UTF_8);
        Set<String> files = new LinkedHashSet<>();
        List<String> lines = manifest.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf('#');
            String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (entry.isEmpty()) {
                continue;
            }
            String problem = ManifestEntries.problem(entry);
            if (problem != null) {
                throw RenderException.refused(RenderException.Reason.BAD_MANIFEST_ENTRY, describe() + "/" + MANIFEST
                        + ":" + (i + 1) + ": '" + entry + "' " + problem);
            }
            files.add(entry);
        }
        return new ArrayList<>(files);
    }

    /** The templates shipped in the jar. */
    static TemplateSource classpath() {
        return classpath(CLASSPATH_ROOT);
    }

    /** {@code root} is a resource folder ending in '/'. */
    static TemplateSource classpath(String root) {
        return new TemplateSource() {
            @Override
            public String describe() {
                return "classpath:" + root.substring(0, root.length() - 1);
            }

            @Override
            public byte[] read(String relativePath) throws IOException {
                try (InputStream in = TemplateSource.class.getClassLoader().getResourceAsStream(root + relativePath)) {
                    if (in == null) {
                        throw new NoSuchFileException(describe() + "/" + relativePath);
                    }
                    return in.readAllBytes();
                }
            }
        };
    }

    static TemplateSource directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return new TemplateSource() {
            @Override
            public String describe() {
                return base.toString();
            }

            @Override
            public byte[] read(String relativePath) throws IOException {
                return Files.readAllBytes(base.resolve(relativePath));
            }
        };
    }
}
