package dev.nixpve.pipeline.steps;

import dev.nixpve.emit.PublishedTemplate;
import dev.nixpve.emit.TemplateManifest;
import dev.nixpve.emit.TfvarsWriter;
import dev.nixpve.event.StepId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the manifest first, then the Terraform variables for the current template of every node:
 * the run's (one per node it built on) and those earlier runs published on other nodes. A run over
 * several nodes ({@code runNodes}) gives Terraform its nodes only, so the map never mixes in a
 * node the user took out of the list with a build of long ago; a node of the run whose build failed
 * keeps the template it had, as each node's template stands on its own.
 */
public final class Publish implements Step<String> {

    private final Path outDir;
    private final List<PublishedTemplate> published;
    private final List<Integer> removedTemplates;
    private final Optional<Set<String>> runNodes;

    public Publish(Path outDir, List<PublishedTemplate> published, List<Integer> removedTemplates,
                   Optional<Set<String>> runNodes) {
        if (published.isEmpty()) {
            throw new IllegalArgumentException("nothing to publish");
        }
        this.outDir = outDir;
        this.published = List.copyOf(published);
        this.removedTemplates = List.copyOf(removedTemplates);
        this.runNodes = runNodes.map(Set::copyOf);
    }

    @Override
    public StepId id() {
        return StepId.PUBLISH;
    }

    @Override
    public String run() throws Exception {
        PublishedTemplate primary = published.get(0);
        String image = primary.image();
        TemplateManifest.Manifest manifest = null;
        for (PublishedTemplate template : published) {
            manifest = TemplateManifest.record(outDir, TemplateManifest.Template.current(image, template),
                    removedTemplates);
        }
        List<PublishedTemplate> current = TemplateManifest.currentTemplates(manifest, primary, image).stream()
                .filter(t -> runNodes.map(nodes -> nodes.contains(t.node())).orElse(true)).toList();
        new TfvarsWriter().write(outDir.resolve(TfvarsWriter.FILE_NAME), current);
        return outDir.resolve(TemplateManifest.FILE_NAME) + " and " + TfvarsWriter.FILE_NAME;
    }

    @Override
    public String summary(String files) {
        return "wrote " + files;
    }
}
