package dev.nixpve.pipeline.steps;

import dev.nixpve.journal.RunId;
import dev.nixpve.proxmox.model.Tags;

/**
 * What a nixpve template on the cluster is, read from its tags. Only a {@link #VERIFIED} one is
 * ever current: the mark is written last, after its smoke test passed.
 */
public enum TemplateStatus {
    /** Its smoke test passed (or smoke tests are off and its config checked): usable. */
    VERIFIED,
    /** Finalized by a run that never marked it: its run is still testing it, or died doing so. */
    UNVERIFIED,
    /** Kept after its smoke test failed, for inspection; never published. */
    FAILED,
    /** Made by a nixpve that wrote no run tag and no mark: never reused, pruned by age like others. */
    LEGACY;

    public static TemplateStatus of(Tags tags) {
        if (tags.contains(TemplateSpec.FAILED_TAG)) {
            return FAILED;
        }
        if (tags.contains(TemplateSpec.VERIFIED_TAG)) {
            return VERIFIED;
        }
        return tags.stream().anyMatch(t -> RunId.fromTag(t).isPresent()) ? UNVERIFIED : LEGACY;
    }
}
