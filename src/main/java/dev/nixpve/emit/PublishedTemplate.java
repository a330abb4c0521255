package dev.nixpve.emit;

import java.time.Instant;
import java.util.Objects;

/**
 * A template nixpve published: where it lives, what it was built from, and the disk a clone
 * inherits. {@code image} is the config's {@code image.name} (a tag of every template of it);
 * {@code diskInterface} is its system disk ({@code scsi0} or {@code virtio0}); {@code diskSizeGib}
 * is the disk's size (0 when unknown): a clone's disk may grow but never shrink below it.
 * {@code node} is the node it serves; {@code holder} the node whose VM it is, another one when the
 * template's disk is on storage the nodes share and one template serves them all (a clone is made
 * with {@code target} set to the node).
 */
public record PublishedTemplate(String node, int vmId, String name, String image, String diskStorage,
                                String diskInterface, String buildId, String nixpkgsRevision, Instant created,
                                int diskSizeGib, String holder) {

    /** A template on the node it serves. */
    public PublishedTemplate(String node, int vmId, String name, String image, String diskStorage,
                             String diskInterface, String buildId, String nixpkgsRevision, Instant created,
                             int diskSizeGib) {
        this(node, vmId, name, image, diskStorage, diskInterface, buildId, nixpkgsRevision, created, diskSizeGib,
                node);
    }

    public PublishedTemplate {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(diskStorage, "diskStorage");
        Objects.requireNonNull(diskInterface, "diskInterface");
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

    /** The same template serving {@code other}, a node that sees its (shared) disk storage too. */
    public PublishedTemplate servedOn(String other) {
        return new PublishedTemplate(other, vmId, name, image, diskStorage, diskInterface, buildId, nixpkgsRevision,
                created, diskSizeGib, holder);
    }

    /** Whether it is held by another node than the one it serves. */
    public boolean heldElsewhere() {
        return !holder.equals(node);
    }
}
