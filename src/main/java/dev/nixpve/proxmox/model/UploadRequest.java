package dev.nixpve.proxmox.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file to upload: where it is, the name it gets on the storage, its content type ("iso") and
 * its sha256, which PVE verifies in the upload task (a mismatch fails the task).
 */
public record UploadRequest(Path file, String filename, String contentType, Optional<String> sha256) {

    public static UploadRequest iso(Path file, String filename, String sha256) {
        return new UploadRequest(file, filename, "iso", Optional.of(sha256));
    }
}
