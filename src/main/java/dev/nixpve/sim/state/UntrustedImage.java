package dev.nixpve.sim.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * pve-storage's {@code assert_iso_content} (PVE/Storage.pm): {@code qemu-img info} on the upload
 * as an untrusted image. It does not look for an ISO 9660 signature: any file qemu-img reads as
 * raw passes; what fails is an image pointing at other files, a qcow2 backing file or external
 * data file ({@code file_size_info} in PVE/Storage/Plugin.pm). VMDK extents are not modelled.
 */
final class UntrustedImage {

    private static final int QCOW2_MAGIC = 0x514649fb;
    private static final int QCOW2_V3_HEADER = 104;
    private static final long INCOMPATIBLE_DATA_FILE = 1L << 2;

    private UntrustedImage() {
    }

    /** Throws the task failure PVE's worker dies with; {@code shownName} is the spool file's name on PVE. */
    static void assertIsoContent(Path file, String shownName) {
        ByteBuffer header = ByteBuffer.wrap(head(file));
        if (header.limit() < 16 || header.getInt(0) != QCOW2_MAGIC) {
            return;
        }
        int version = header.getInt(4);
        if (version >= 3 && header.limit() >= QCOW2_V3_HEADER
                && (header.getLong(72) & INCOMPATIBLE_DATA_FILE) != 0) {
            throw new TaskFailure(shownName + ": 'data-file' references are not allowed!");
        }
        if (header.getLong(8) != 0) {
            throw new TaskFailure("backing file not allowed for untrusted image '" + shownName + "'!");
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(QCOW2_V3_HEADER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
