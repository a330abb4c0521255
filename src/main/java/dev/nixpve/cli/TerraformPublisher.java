package dev.nixpve.cli;

import dev.nixpve.pipeline.TemplatePublisher;
import java.nio.file.Path;

/** Writes template.auto.tfvars.json for the templates the manifest lists as current. */
final class TerraformPublisher implements TemplatePublisher {

    @Override
    public void publish(Path outDir, PublishedBuild build) {
        // wired to emit.TfvarsWriter when the emit package lands
    }
}
