package dev.nixpve.sim.state;

import dev.nixpve.sim.http.PveError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Uploads and deletions on storages, with PVE's rules: checks run only once the whole file has
 * arrived, the checksum and (since 8.3) the ISO's content are verified inside the imgcopy task,
 * and an existing file of the same name is overwritten without a word.
 */
public final class StorageContent {


    private final SimCluster cluster;

    public StorageContent(SimCluster cluster) {
        this.cluster = cluster;
    }

    /** An uploaded file spooled in the simulator's work directory, with the digest computed while it streamed. */
    public record Spooled(Path file, long size, String originalName, Optional<String> checksumAlgorithm,
                          Optional<String> expectedChecksum, Optional<String> actualChecksum) {
    }

    /**
     * pve-storage's {@code upload} (PVE/API2/Storage/Status.pm): the synchronous checks, then the
     * imgcopy task, which logs and verifies in the same order and words as the worker there, and
     * takes {@code copyTime} to copy the file into place.
     */
    public SimTask importUpload(String node, String storageId, String content, Spooled upload, String user,
                                Duration copyTime) {
        SimStorage storage = cluster.requireStorage(node, storageId);
        if (!storage.fileBased()) {
            throw PveError.server("can't upload to storage type '" + storage.type() + "'\n");
        }
        String filename = normalise(upload.originalName());
        UploadTargets.Target where = UploadTargets.of(content, filename, storage.path());
        if (!storage.supports(content)) {
            throw PveError.server("storage '" + storageId + "' does not support '" + content + "' content\n");
        }
        String target = where.path();
        String spoolName = "/var/tmp/pveupload-" + Integer.toHexString(upload.file().hashCode());
        UploadCopy copy = UploadCopy.to(cluster, node, storageId, spoolName, target);
        return cluster.tasks().start(node, "imgcopy", "", user, copyTime, new TaskWork() {
            @Override
            public void complete(SimTask task) {
                task.log("starting file import from: " + spoolName);
                verifyChecksum(upload, task);
                if (content.equals("iso")) {
                    UntrustedImage.assertIsoContent(upload.file(), spoolName);
                }
                task.log("target node: " + node);
                task.log("target file: " + target);
                task.log("file size is: " + upload.size());
                task.log("command: " + copy.command());
                long replacing = storage.volume(where.volname()).map(StoredVolume::size).orElse(0L);
                if (!storage.hasRoomFor(upload.size() - replacing)) {
                    throw new TaskFailure("cp: error writing '" + target + "': No space left on device");
                }
                storage.put(new StoredVolume(storageId, where.volname(), content, where.format(), upload.size(),
                        cluster.timeline().now(), null, null, keep(upload.file(), storage.shared() ? "_shared" : node,
                        storageId, filename)));
                task.log("finished file import successfully");
            }

            @Override
            public void rollback(SimTask task) {
                deleteQuietly(upload.file());
            }
        });
    }

    /** How long the imgcopy task takes to copy {@code upload} into place: a second, and a millisecond a MiB. */
    public static Duration copyTime(Spooled upload) {
        return Duration.ofSeconds(1).plusMillis(upload.size() / (1L << 20));
    }

    public SimTask delete(String node, String storageId, String volume, String user) {
        SimStorage storage = cluster.requireStorage(node, storageId);
        String volname = volume.startsWith(storageId + ":") ? volume.substring(storageId.length() + 1) : volume;
        // Content.pm delete: OWNER@STORAGE, or the storage alone; parse_volname names the owner
        // from the name, so a disk that is not there still names it
        Optional<Integer> owner = storage.volume(volname).flatMap(StoredVolume::vmid)
                .or(() -> StorageKind.owner(volname));
        String id = owner.map(v -> v + "@" + storageId).orElse(storageId);
        return cluster.tasks().start(node, "imgdel", id, user, Duration.ZERO, task -> {
            StoredVolume removed = storage.remove(volname)
                    .orElseThrow(() -> new TaskFailure("volume '" + storageId + ":" + volname + "' does not exist"));
            removed.file().ifPresent(StorageContent::deleteQuietly);
            task.log("Removed volume '" + removed.volid() + "'");
        });
    }

    /** The worker prints "calculating checksum..." and completes the line with the verdict. */
    private static void verifyChecksum(Spooled upload, SimTask task) {
        if (upload.checksumAlgorithm().isEmpty()) {
            return;
        }
        String expected = upload.expectedChecksum().orElse("");
        String actual = upload.actualChecksum().orElse("");
        if (!expected.equalsIgnoreCase(actual)) {
            task.log("calculating checksum...");
            throw new TaskFailure("checksum mismatch: got '" + actual + "' != expect '" + expected + "'");
        }
        task.log("calculating checksum...OK, checksum verified");
    }

    /** PVE keeps the basename and replaces anything outside [A-Za-z0-9_.-] with '_'. */
    static String normalise(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return base.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Keeps the file under the node's directory, or one for the whole cluster (no node name has "_") when the storage is shared. */
    private Path keep(Path spooled, String owner, String storage, String filename) {
        try {
            Path target = cluster.workDirectory().resolve(owner).resolve(storage).resolve(filename);
            Files.createDirectories(target.getParent());
            return Files.move(spooled, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TaskFailure("cp: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale spool file in the simulator's temp directory is harmless
        }
    }
}
