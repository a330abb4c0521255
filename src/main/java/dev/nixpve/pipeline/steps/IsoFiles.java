package dev.nixpve.pipeline.steps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Reads what an ISO file says about itself: its ISO 9660 volume id, and its sha256. */
public final class IsoFiles {

    /** The primary volume descriptor sits in sector 16; "CD001" at byte 1, the volume id at 40..71. */
    private static final int PVD_OFFSET = 16 * 2048;

    private IsoFiles() {
    }

    /** The volume id, trimmed; empty when the file is not ISO 9660. */
    public static Optional<String> volumeId(Path iso) throws IOException {
        try (FileChannel channel = FileChannel.open(iso, StandardOpenOption.READ)) {
            ByteBuffer sector = ByteBuffer.allocate(72);
            if (channel.size() < PVD_OFFSET + 72 || channel.read(sector, PVD_OFFSET) < 72) {
                return Optional.empty();
            }
            byte[] bytes = sector.array();
            if (bytes[0] != 1 || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("CD001")) {
                return Optional.empty();
            }
            return Optional.of(new String(bytes, 40, 32, StandardCharsets.US_ASCII).strip());
        }
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
