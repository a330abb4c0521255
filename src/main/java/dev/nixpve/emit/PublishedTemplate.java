package dev.nixpve.emit;

import java.time.Instant;
import java.util.Objects;

/**
 * A template nixpve published: where it lives and what it was built from. {@code diskSizeGib} is
 * the template's disk size (0 when unknown); a clone's disk may grow but never shrink below it.
 */
public record PublishedTemplate(String node, int vmId, String name, String diskStorage, String cloudInitStorage,
                                String buildId, String nixpkgsRevision, Instant created, int diskSizeGib) {

    public PublishedTemplate {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(diskStorage, "diskStorage");
        Objects.requireNonNull(cloudInitStorage, "cloudInitStorage");
        Objects.requireNonNull(buildId, "buildId");
        Objects.requireNonNull(nixpkgsRevision, "nixpkgsRevision");
        Objects.requireNonNull(created, "created");
        if (vmId < 100) {
            throw new IllegalArgumentException("a template's VMID is at least 100, not " + vmId);
        }
        if (diskSizeGib < 0) {
            throw new IllegalArgumentException("disk size must not be negative: " + diskSizeGib);
        }
    }

    /** Without a known disk size. */
    public PublishedTemplate(String node, int vmId, String name, String diskStorage, String cloudInitStorage,
                             String buildId, String nixpkgsRevision, Instant created) {
        this(node, vmId, name, diskStorage, cloudInitStorage, buildId, nixpkgsRevision, created, 0);
    }
}
