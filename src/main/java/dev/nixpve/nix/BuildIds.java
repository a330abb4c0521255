package dev.nixpve.nix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * The build id: sha256 over every rendered template file (sorted path, NUL, bytes), the flake.lock
 * a real build left (when present), and the image data. Same inputs give the same id; any change
 * gives a new one. nixpve-build.json is derived from the id, so it is not part of it.
 */
public final class BuildIds {

    private BuildIds() {
    }

    public static String compute(Path tree, List<String> templateFiles, byte[] imageData) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String file : new TreeSet<>(templateFiles)) {
            add(digest, "template/" + file, Files.readAllBytes(tree.resolve(file)));
        }
        Path lock = tree.resolve("flake.lock");
        if (Files.isRegularFile(lock)) {
            add(digest, "flake.lock", Files.readAllBytes(lock));
        }
        add(digest, ImageData.FILE_NAME, imageData);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void add(MessageDigest digest, String name, byte[] content) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Long.toString(content.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) 0);
        digest.update(content);
    }
}
