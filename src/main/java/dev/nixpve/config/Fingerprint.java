package dev.nixpve.config;

import java.security.MessageDigest;
import java.util.HexFormat;

public record Fingerprint(byte[] sha256) {
    public static Fingerprint parse(String text) {
        return new Fingerprint(HexFormat.of().parseHex(text.replace(":", "")));
    }
    public boolean matches(byte[] der) {
        try {
            return MessageDigest.isEqual(sha256, MessageDigest.getInstance("SHA-256").digest(der));
        } catch (Exception e) { throw new IllegalStateException(e); }
    }
    @Override public String toString() { return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256); }
}
