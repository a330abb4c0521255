package dev.nixpve.nix;

import java.time.Instant;

/**
 * Rendered as {@value #FILE_NAME} next to the image data, outside the build id's hash (it is derived
 * from it). {@code buildToken} is what the installer's guard compares with the VM's SMBIOS serial;
 * {@code isoVolumeId} carries the token too, so a prebuilt ISO's token can be read back from it.
 */
public record BuildIdentity(String buildId, String buildToken, String isoVolumeId, Instant renderedAt,
                            String nixpveVersion) {

    public static final String FILE_NAME = "nixpve-build.json";
    /** ISO 9660 volume ids are at most 32 d-characters (A-Z, 0-9, _). */
    public static final String VOLUME_PREFIX = "NIXPVE_";
    public static final int TOKEN_LENGTH = 20;

    /** The token is the build id's first 20 hex digits: same build, same token, so a cached ISO stays valid. */
    public static String tokenFor(String buildId) {
        return buildId.substring(0, TOKEN_LENGTH);
    }

    public static String volumeIdFor(String buildToken) {
        return VOLUME_PREFIX + buildToken.toUpperCase(java.util.Locale.ROOT);
    }
}
