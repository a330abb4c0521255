package dev.nixpve.pipeline;

import dev.nixpve.event.TemplateFacts;
import dev.nixpve.pipeline.steps.InstallerImage;
import dev.nixpve.pipeline.steps.Journal;
import java.util.List;
import java.util.Optional;

/**
 * A finished run: the template it published (or found already built, {@code reused}), the image
 * it came from, what the smoke test saw, the steps and the journal.
 */
public record DeployResult(TemplateFacts template, InstallerImage image, boolean reused,
                           Optional<String> smokeTestIpv4, List<StepRecord> steps, List<Journal.Entry> journal) {

    public String node() {
        return template.node();
    }

    public int vmid() {
        return template.vmid();
    }

    public String templateName() {
        return template.name();
    }
}
