package dev.nixpve.pipeline.steps;

import dev.nixpve.emit.PublishedTemplate;
import dev.nixpve.emit.TemplateManifest;
import dev.nixpve.emit.TfvarsWriter;
import dev.nixpve.event.StepId;
import java.nio.file.Path;
import java.util.List;

/** Writes the manifest first, then the Terraform variables for the current template of every node. */
public final class Publish implements Step<String> {

    private final Path outDir;
    private final PublishedTemplate published;
    private final List<Integer> removedTemplates;

    public Publish(Path outDir, PublishedTemplate published, List<Integer> removedTemplates) {
        this.outDir = outDir;
        this.published = published;
        this.removedTemplates = removedTemplates;
    }

    @Override
    public StepId id() {
        return StepId.PUBLISH;
    }

    @Override
    public String run() throws Exception {
        String image = published.image();
        TemplateManifest.Manifest manifest = TemplateManifest.record(outDir,
                TemplateManifest.Template.current(image, published), removedTemplates);
        new TfvarsWriter().write(outDir.resolve(TfvarsWriter.FILE_NAME),
                TemplateManifest.currentTemplates(manifest, published, image));
        return outDir.resolve(TemplateManifest.FILE_NAME) + " and " + TfvarsWriter.FILE_NAME;
    }

    @Override
    public String summary(String files) {
        return "wrote " + files;
    }
}
