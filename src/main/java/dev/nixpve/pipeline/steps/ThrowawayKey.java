package dev.nixpve.pipeline.steps;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/**
 * An OpenSSH ed25519 public key whose private half is discarded at once: the smoke-test clone
 * needs some key for cloud-init, and nobody should be able to log in with it.
 */
public final class ThrowawayKey {

    private ThrowawayKey() {
    }

    /** A fresh key as PVE's {@code sshkeys} wants it: URL-encoded, with %20 (not +) for spaces. */
    public static String sshkeysParam() {
        return URLEncoder.encode(publicKey(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String publicKey() {
        try {
            byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(blob);
            byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(type.length);
            out.write(type);
            out.writeInt(raw.length);
            out.write(raw);
            return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " nixpve-smoke-test";
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make an ed25519 key", e);
        }
    }
}
