package dev.nixpve.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A certificate's SHA-256 fingerprint, as PVE shows it: 32 upper-case hex bytes joined by ':'. */
public record Fingerprint(byte[] sha256) {

    public static final String HINT = "copy ssl_fingerprint from 'nixpve pve check' or 'pvenode cert info' on the "
            + "node: 32 hex byte pairs joined by ':'";

    /** Accepts colons or none, any case. @throws IllegalArgumentException when it is not 32 hex bytes */
    public static Fingerprint parse(String text) {
        String hex = text.strip().replace(":", "");
        if (!hex.matches("[0-9A-Fa-f]{64}")) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a SHA-256 fingerprint");
        }
        return new Fingerprint(HexFormat.of().parseHex(hex));
    }

    public boolean matches(byte[] der) {
        try {
            return MessageDigest.isEqual(sha256, MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint f && MessageDigest.isEqual(f.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256);
    }
}
