package dev.nixpve.sim.guest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A small file that passes for a nixpve installer ISO where no real one can be built: the ISO 9660
 * volume descriptors PVE's upload check looks for (sector 16 on), and the {@link IsoMarker} line
 * in the system area (the first 32 KiB, which ISO 9660 leaves to the creator).
 */
public final class StandInIso {

    private static final int SECTOR = 2048;
    private static final int SYSTEM_AREA_SECTORS = 16;

    private StandInIso() {
    }

    /** Writes the stand-in for {@code buildToken}; {@code volumeId} at most 32 characters, as on a real ISO. */
    public static void write(Path target, String buildToken, String volumeId) throws IOException {
        if (volumeId.length() > 32) {
            throw new IllegalArgumentException("an ISO 9660 volume ID has at most 32 characters: " + volumeId);
        }
        byte[] image = new byte[(SYSTEM_AREA_SECTORS + 4) * SECTOR];
        byte[] marker = IsoMarker.line(buildToken).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(marker, 0, image, 0, marker.length);
        descriptor(image, SYSTEM_AREA_SECTORS, 1);
        byte[] id = Arrays.copyOf(volumeId.getBytes(StandardCharsets.US_ASCII), 32);
        for (int i = volumeId.length(); i < 32; i++) {
            id[i] = ' ';
        }
        System.arraycopy(id, 0, image, SYSTEM_AREA_SECTORS * SECTOR + 40, 32);
        descriptor(image, SYSTEM_AREA_SECTORS + 1, 255);
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(image);
        }
    }

    /** Type 1 = primary volume descriptor, 255 = set terminator; then "CD001" and version 1. */
    private static void descriptor(byte[] image, int sector, int type) {
        int at = sector * SECTOR;
        image[at] = (byte) type;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, image, at + 1, 5);
        image[at + 6] = 1;
    }
}
