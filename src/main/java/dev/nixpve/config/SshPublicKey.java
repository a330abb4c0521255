package dev.nixpve.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An OpenSSH public key line, {@code type base64 [comment]}, checked by reading the key itself (RFC
 * 4253 6.6, RFC 5656 3.1, PROTOCOL.u2f): the blob must decode, name the same type and hold that
 * type's fields, so {@code ssh-ed25519 AAAA} is refused. Messages never repeat the line, which may
 * be a private key pasted by mistake.
 */
final class SshPublicKey {

    /** The key types OpenSSH accepts in authorized_keys today (DSA is gone since OpenSSH 9.8). */
    static final List<String> TYPES = List.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");
    /** Uncompressed EC points: 0x04, then x and y. */
    private static final Map<String, Integer> POINT_BYTES = Map.of("nistp256", 65, "nistp384", 97, "nistp521", 133);
    private static final int MIN_RSA_BITS = 2048;

    private SshPublicKey() {
    }

    /** @throws IllegalArgumentException saying what is wrong, without the key's text */
    static String check(String line) {
        String text = line.strip();
        if (text.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("this is a private key; give the public one (the .pub file), and "
                    + "treat the private key as leaked if it was shared");
        }
        String[] parts = text.split("[ \\t]+", 3);
        if (!TYPES.contains(parts[0])) {
            throw new IllegalArgumentException(parts[0].length() <= 40 && parts[0].matches("[A-Za-z0-9@.-]+")
                    ? "'" + parts[0] + "' is not a known SSH key type" : "it does not start with an SSH key type");
        }
        if (parts.length < 2) {
            throw new IllegalArgumentException("the " + parts[0] + " key has no base64 body after its type");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + parts[0] + " key's body is not base64");
        }
        List<byte[]> fields = fields(blob, parts[0]);
        String type = new String(fields.get(0), StandardCharsets.US_ASCII);
        if (!type.equals(parts[0])) {
            throw new IllegalArgumentException("the key says " + parts[0] + " but its body holds "
                    + (TYPES.contains(type) ? "a " + type + " key" : "something else"));
        }
        checkFields(type, fields);
        return text;
    }

    private static List<byte[]> fields(byte[] blob, String type) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        List<byte[]> fields = new ArrayList<>();
        while (in.hasRemaining()) {
            if (in.remaining() < 4) {
                throw truncated(type);
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw truncated(type);
            }
            byte[] field = new byte[length];
            in.get(field);
            fields.add(field);
        }
        if (fields.isEmpty()) {
            throw truncated(type);
        }
        return fields;
    }

    private static void checkFields(String type, List<byte[]> fields) {
        int expected = switch (type) {
            case "ssh-ed25519" -> 2; // type, key
            case "ssh-rsa", "sk-ssh-ed25519@openssh.com" -> 3; // type, e, n; type, key, application
            case "sk-ecdsa-sha2-nistp256@openssh.com" -> 4; // type, curve, point, application
            default -> 3; // ecdsa: type, curve, point
        };
        if (fields.size() != expected) {
            throw truncated(type);
        }
        if (type.equals("ssh-ed25519") || type.equals("sk-ssh-ed25519@openssh.com")) {
            if (fields.get(1).length != 32) {
                throw truncated(type);
            }
        } else if (type.equals("ssh-rsa")) {
            byte[] modulus = fields.get(2);
            int bits = new java.math.BigInteger(1, modulus).bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new IllegalArgumentException("the ssh-rsa key has " + bits + " bits, fewer than "
                        + MIN_RSA_BITS);
            }
        } else {
            String curve = new String(fields.get(1), StandardCharsets.US_ASCII);
            Integer points = POINT_BYTES.get(curve);
            if (points == null || !type.contains(curve) || fields.get(2).length != points || fields.get(2)[0] != 4) {
                throw truncated(type);
            }
        }
    }

    private static IllegalArgumentException truncated(String type) {
        return new IllegalArgumentException("the " + type + " key's body is cut short or is not a " + type + " key");
    }
}
