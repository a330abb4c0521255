package dev.nixpve.emit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code OUT/templates.json}: the history of this output directory's templates, newest first.
 * Status is {@code current} for the template Terraform should use, {@code superseded} for older
 * good ones, {@code failed} for ones that did not pass the smoke test, {@code removed} once
 * retention deleted them.
 */
public final class TemplateManifest {

    public static final String FILE_NAME = "templates.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Template(int vmid, String node, String name, String buildId, String nixpkgsRevision,
                           Instant created, String status) {

        Template withStatus(String value) {
            return new Template(vmid, node, name, buildId, nixpkgsRevision, created, value);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Manifest(int version, List<Template> templates) {
    }

    private TemplateManifest() {
    }

    public static Manifest read(Path outDir) throws IOException {
        Path file = outDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return new Manifest(1, List.of());
        }
        return JsonFiles.JSON.readValue(file.toFile(), Manifest.class);
    }

    /**
     * Records {@code entry} (replacing an entry of the same node and vmid); a {@code current} entry
     * makes earlier current ones on its node {@code superseded}; vmids in {@code removed} become {@code removed}.
     */
    public static Manifest record(Path outDir, Template entry, List<Integer> removed) throws IOException {
        List<Template> templates = new ArrayList<>();
        templates.add(entry);
        for (Template old : read(outDir).templates()) {
            if (old.vmid() == entry.vmid() && old.node().equals(entry.node())) {
                continue;
            }
            Template updated = old;
            if (entry.status().equals("current") && old.status().equals("current") && old.node().equals(entry.node())) {
                updated = old.withStatus("superseded");
            }
            if (removed.contains(old.vmid())) {
                updated = old.withStatus("removed");
            }
            templates.add(updated);
        }
        Manifest manifest = new Manifest(1, templates);
        JsonFiles.write(outDir.resolve(FILE_NAME), manifest);
        return manifest;
    }
}
