package dev.nixpve.pipeline.steps;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The installer ISO a run deploys, whatever made it: its file, checksum, the build id and token it
 * carries, the nixpkgs revision when known, and where it came from (for the report).
 */
public record InstallerImage(Path file, String sha256, long size, String buildId, String buildToken,
                             Optional<String> nixpkgsRevision, String origin) {

    /** The first 12 hex digits: enough to tell builds apart in tags and names. */
    public String shortId() {
        return buildId.substring(0, 12);
    }

    /** The name on the ISO storage: one per template name and build. */
    public String storageFileName(String templateName) {
        return "nixpve-" + templateName + "-" + buildToken + ".iso";
    }
}
