package dev.nixpve.emit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code OUT/templates.json}: the history of this output directory's templates, newest first.
 * Status is {@code current} for the template Terraform should use (one per image and node),
 * {@code superseded} for older good ones, {@code failed} for ones that did not pass the smoke test,
 * {@code removed} once retention deleted them.
 */
public final class TemplateManifest {

    public static final String FILE_NAME = "templates.json";

    /** Where a template stands in this directory's history; written in lower case. */
    public enum Status {
        /** The template Terraform should use, one per image and node. */
        CURRENT,
        /** An older good one, replaced by a newer current one. */
        SUPERSEDED,
        /** Built but failed the smoke test: kept on PVE, tagged failed, never given to Terraform. */
        FAILED,
        /** Deleted by retention. */
        REMOVED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Status of(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * One template as this directory gave it to {@code node}; {@code holder} is the node whose VM it
     * is when that is another one (a template on shared storage serving several nodes), else absent.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Template(int vmid, String node, String name, String image, String buildId, String nixpkgsRevision,
                           Instant created, Status status, String diskStorage, int diskSizeGib,
                           String diskInterface, @JsonInclude(JsonInclude.Include.NON_NULL) String holder) {

        /** The entry for a template this run published. */
        public static Template current(String image, PublishedTemplate published) {
            return new Template(published.vmId(), published.node(), published.name(), image, published.buildId(),
                    published.nixpkgsRevision(), published.created(), Status.CURRENT, published.diskStorage(),
                    published.diskSizeGib(), published.diskInterface(),
                    published.heldElsewhere() ? published.holder() : null);
        }

        public Template withStatus(Status value) {
            return new Template(vmid, node, name, image, buildId, nixpkgsRevision, created, value, diskStorage,
                    diskSizeGib, diskInterface, holder);
        }

        /** The node whose VM the template is. */
        public String heldBy() {
            return holder == null ? node : holder;
        }

        boolean sameImageAndNode(Template other) {
            return node.equals(other.node) && (image == null || other.image == null || image.equals(other.image));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Manifest(int version, List<Template> templates) {
    }

    private TemplateManifest() {
    }

    /** The VMIDs this directory gives Terraform for {@code image} (current, on any node); none without a manifest. */
    public static java.util.Set<Integer> publishedVmids(Path outDir, String image) throws IOException {
        if (!java.nio.file.Files.exists(outDir.resolve(FILE_NAME))) {
            return java.util.Set.of();
        }
        return read(outDir).templates().stream()
                .filter(t -> t.status() == Status.CURRENT && (t.image() == null || image.equals(t.image())))
                .map(Template::vmid).collect(java.util.stream.Collectors.toUnmodifiableSet());
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
            if (entry.status() == Status.CURRENT && old.status() == Status.CURRENT && old.sameImageAndNode(entry)) {
                updated = old.withStatus(Status.SUPERSEDED);
            }
            if (removed.contains(old.vmid())) {
                updated = old.withStatus(Status.REMOVED);
            }
            templates.add(updated);
        }
        Manifest manifest = new Manifest(1, templates);
        JsonFiles.write(outDir.resolve(FILE_NAME), manifest);
        return manifest;
    }

    /**
     * What Terraform should use for {@code primary}'s image: {@code primary} first, then the current
     * template of the same image on every other node this output directory has published to.
     */
    public static List<PublishedTemplate> currentTemplates(Manifest manifest, PublishedTemplate primary,
                                                           String image) {
        List<PublishedTemplate> current = new ArrayList<>(List.of(primary));
        for (Template t : manifest.templates()) {
            boolean sameImage = t.image() == null || t.image().equals(image);
            if (t.status() == Status.CURRENT && sameImage && !t.node().equals(primary.node())
                    && current.stream().noneMatch(c -> c.node().equals(t.node()))) {
                // Entries written before a field existed take the primary's value.
                String storage = t.diskStorage() == null ? primary.diskStorage() : t.diskStorage();
                String bus = t.diskInterface() == null ? primary.diskInterface() : t.diskInterface();
                current.add(new PublishedTemplate(t.node(), t.vmid(), t.name(), image, storage, bus, t.buildId(),
                        t.nixpkgsRevision(), t.created(), Math.max(0, t.diskSizeGib()), t.heldBy()));
            }
        }
        return current;
    }
}
