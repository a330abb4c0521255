package dev.nixpve.pipeline.steps;

import dev.nixpve.emit.PublishedTemplate;
import dev.nixpve.emit.TemplateManifest;
import dev.nixpve.emit.TfvarsWriter;
import dev.nixpve.event.StepId;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the manifest first, then the Terraform variables for the current template of every node:
 * the run's (one per node it built on) and those earlier runs published on other nodes.
 */
public final class Publish implements Step<String> {

    private final Path outDir;
    private final List<PublishedTemplate> published;
    private final List<Integer> removedTemplates;

    public Publish(Path outDir, List<PublishedTemplate> published, List<Integer> removedTemplates) {
        if (published.isEmpty()) {
            throw new IllegalArgumentException("nothing to publish");
        }
        this.outDir = outDir;
        this.published = List.copyOf(published);
        this.removedTemplates = List.copyOf(removedTemplates);
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
        new TfvarsWriter().write(outDir.resolve(TfvarsWriter.FILE_NAME),
                TemplateManifest.currentTemplates(manifest, primary, image));
        return outDir.resolve(TemplateManifest.FILE_NAME) + " and " + TfvarsWriter.FILE_NAME;
    }

    @Override
    public String summary(String files) {
        return "wrote " + files;
    }
}
