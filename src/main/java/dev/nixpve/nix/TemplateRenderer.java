package dev.nixpve.nix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nixpve.config.NixpveConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the build tree: the shipped templates as they are (flake.nix gets the pinned nixpkgs
 * branch in its one placeholder, a value config validated as nixos-YY.MM), the image data as
 * JSON, and the build identity. Configuration reaches Nix only through that JSON.
 */
public final class TemplateRenderer {

    public static final String BRANCH_PLACEHOLDER = "@NIXPKGS_BRANCH@";

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final TemplateSource templates;
    private final Clock clock;
    private final String version;

    public TemplateRenderer(TemplateSource templates, Clock clock, String version) {
        this.templates = templates;
        this.clock = clock;
        this.version = version;
    }

    public RenderedTree render(NixpveConfig config, Path outDir) throws IOException {
        String branch = config.image().nixpkgs();
        if (!branch.matches("nixos-\\d\\d\\.\\d\\d")) {
            throw new IllegalArgumentException("image.nixpkgs must be a release branch nixos-YY.MM: " + branch);
        }
        prepare(outDir);
        List<String> files = templates.files();
        for (String file : files) {
            Path target = outDir.resolve(file).normalize();
            if (!target.startsWith(outDir)) {
                throw new IOException("MANIFEST entry " + file + " leaves the build tree");
            }
            Files.createDirectories(target.getParent());
            byte[] content = templates.read(file);
            if (file.equals("flake.nix")) {
                content = new String(content, StandardCharsets.UTF_8).replace(BRANCH_PLACEHOLDER, branch)
                        .getBytes(StandardCharsets.UTF_8);
            }
            Files.write(target, content);
            if (file.endsWith(".sh")) {
                target.toFile().setExecutable(true);
            }
        }
        byte[] data = JSON.writeValueAsBytes(ImageDataMapper.map(config));
        Files.write(outDir.resolve(ImageData.FILE_NAME), data);
        String buildId = BuildIds.compute(outDir, files, data);
        String token = BuildIdentity.tokenFor(buildId);
        BuildIdentity identity = new BuildIdentity(buildId, token, BuildIdentity.volumeIdFor(token), clock.instant(),
                version);
        JSON.writeValue(outDir.resolve(BuildIdentity.FILE_NAME).toFile(), identity);
        return new RenderedTree(outDir, identity);
    }

    /** An empty or earlier-rendered directory is fine; anything else is refused. flake.lock survives. */
    private static void prepare(Path outDir) throws IOException {
        if (Files.isDirectory(outDir)) {
            try (Stream<Path> entries = Files.list(outDir)) {
                List<Path> present = entries.toList();
                if (!present.isEmpty() && !Files.exists(outDir.resolve(BuildIdentity.FILE_NAME))) {
                    throw new IOException(outDir + " is not empty and not an earlier nixpve render; give an empty "
                            + "or new directory");
                }
                for (Path entry : present) {
                    if (!entry.getFileName().toString().equals("flake.lock")
                            && !entry.getFileName().toString().startsWith("result")) {
                        FileTrees.deleteRecursively(entry);
                    }
                }
            }
        }
        Files.createDirectories(outDir);
    }
}
