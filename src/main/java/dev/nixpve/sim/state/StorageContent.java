package dev.nixpve.sim.state;

import dev.nixpve.sim.PveError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Uploads and deletions on storages, with PVE's rules: checks run only once the whole file has
 * arrived, the checksum and (since 8.3) the ISO's content are verified inside the imgcopy task,
 * and an existing file of the same name is overwritten without a word.
 */
public final class StorageContent {

    private static final Pattern ISO_EXT = Pattern.compile("(?i).+\\.(iso|img)");
    private static final Pattern VZTMPL_EXT = Pattern.compile(".+\\.tar(\\.(gz|xz|zst|bz2))?");
    private static final int ISO9660_SIGNATURE_OFFSET = 0x8001;

    private final SimCluster cluster;

    public StorageContent(SimCluster cluster) {
        this.cluster = cluster;
    }

    /** An uploaded file spooled in the simulator's work directory, with the digest computed while it streamed. */
    public record Spooled(Path file, long size, String originalName, Optional<String> checksumAlgorithm,
                          Optional<String> expectedChecksum, Optional<String> actualChecksum) {
    }

    public SimTask importUpload(String node, String storageId, String content, Spooled upload, String user) {
        SimStorage storage = cluster.requireStorage(node, storageId);
        if (!storage.fileBased()) {
            throw PveError.server("can't upload to storage type '" + storage.type() + "'\n");
        }
        String filename = normalise(upload.originalName());
        if (content.equals("iso") && !ISO_EXT.matcher(filename).matches()
                || content.equals("vztmpl") && !VZTMPL_EXT.matcher(filename).matches()) {
            throw PveError.parameter("filename", "wrong file extension");
        }
        if (!storage.supports(content)) {
            throw PveError.server("storage '" + storageId + "' does not support '" + content + "' content\n");
        }
        String subdir = content.equals("iso") ? "iso" : "cache";
        String target = "/var/lib/vz/template/" + subdir + "/" + filename;
        String spoolName = "/var/tmp/pveupload-" + Integer.toHexString(upload.file().hashCode());
        Duration copyTime = Duration.ofSeconds(1).plusMillis(upload.size() / (1L << 20));
        return cluster.tasks().start(node, "imgcopy", "", user, copyTime, new TaskWork() {
            @Override
            public void complete(SimTask task) {
                task.log("starting file import from: " + spoolName);
                task.log("target node: " + node);
                task.log("target file: " + target);
                task.log("file size is: " + upload.size());
                verifyChecksum(upload);
                if (content.equals("iso")) {
                    verifyIso(upload.file());
                }
                task.log("command: cp -- " + spoolName + " " + target);
                long replacing = storage.volume(subdir + "/" + filename).map(StoredVolume::size).orElse(0L);
                if (!storage.hasRoomFor(upload.size() - replacing)) {
                    throw new TaskFailure("cp: error writing '" + target + "': No space left on device");
                }
                storage.put(new StoredVolume(storageId, subdir + "/" + filename, content, content, upload.size(),
                        cluster.timeline().now(), null, null, keep(upload.file(), node, storageId, filename)));
                task.log("finished file import successfully");
            }

            @Override
            public void rollback(SimTask task) {
                deleteQuietly(upload.file());
            }
        });
    }

    public SimTask delete(String node, String storageId, String volume, String user) {
        SimStorage storage = cluster.requireStorage(node, storageId);
        String volname = volume.startsWith(storageId + ":") ? volume.substring(storageId.length() + 1) : volume;
        String id = storage.volume(volname).flatMap(StoredVolume::vmid).map(v -> v + "@" + storageId).orElse("");
        return cluster.tasks().start(node, "imgdel", id, user, Duration.ZERO, task -> {
            StoredVolume removed = storage.remove(volname)
                    .orElseThrow(() -> new TaskFailure("volume '" + storageId + ":" + volname + "' does not exist"));
            removed.file().ifPresent(StorageContent::deleteQuietly);
            task.log("Removed volume '" + removed.volid() + "'");
        });
    }

    private static void verifyChecksum(Spooled upload) {
        if (upload.expectedChecksum().isEmpty()) {
            return;
        }
        String expected = upload.expectedChecksum().get().toLowerCase(java.util.Locale.ROOT);
        String actual = upload.actualChecksum().orElse("");
        if (!expected.equals(actual)) {
            throw new TaskFailure("checksum mismatch: got '" + actual + "' != expect '" + expected + "'");
        }
    }

    /** PVE ≥ 8.3 refuses uploads to {@code iso} that are not ISO 9660 images (CD001 at sector 16). */
    private static void verifyIso(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(ISO9660_SIGNATURE_OFFSET);
            String signature = new String(in.readNBytes(5), StandardCharsets.US_ASCII);
            if (!signature.equals("CD001")) {
                throw new TaskFailure("file is not a valid ISO image (no ISO 9660 volume descriptor)");
            }
        } catch (java.io.EOFException e) {
            throw new TaskFailure("file is not a valid ISO image (too short)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PVE keeps the basename and replaces anything outside [A-Za-z0-9_.-] with '_'. */
    static String normalise(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return base.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private Path keep(Path spooled, String node, String storage, String filename) {
        try {
            Path target = cluster.workDirectory().resolve(node).resolve(storage).resolve(filename);
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
