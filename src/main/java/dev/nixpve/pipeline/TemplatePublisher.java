package dev.nixpve.pipeline;

import java.nio.file.Path;

/** Writes the outputs that point Terraform at a published template (emit's tfvars writer). */
@FunctionalInterface
public interface TemplatePublisher {

    void publish(Path outDir, PublishedBuild build) throws Exception;

    /** A template ready for use, with what the outputs say about it. */
    record PublishedBuild(String node, int vmid, String name, String diskStorage, String buildId,
                          String nixpkgsRevision, java.time.Instant created) {
    }
}
