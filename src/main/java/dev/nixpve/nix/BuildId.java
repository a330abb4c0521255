package dev.nixpve.nix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The build id: SHA-256 over every file that shapes the ISO, in path order, each fed as its
 * relative path, NUL, its length in decimal, NUL, its bytes (the length keeps one file's end from
 * passing for the next one's start). The inputs are the rendered templates, {@code flake.lock}
 * when a previous build left one (it pins nixpkgs, so a new lock is a new image) and
 * {@value ImageData#FILE_NAME}; never {@value BuildIdentity#FILE_NAME}, which is derived from the id.
 */
public final class BuildId {

    private BuildId() {
    }

    /** {@code files} are relative to {@code tree}; flake.lock is added when it exists there. */
    public static String of(Path tree, Collection<String> files) throws IOException {
        TreeSet<String> inputs = new TreeSet<>(files);
        inputs.add(ImageData.FILE_NAME);
        inputs.remove(BuildIdentity.FILE_NAME);
        if (Files.isRegularFile(tree.resolve(TemplateRenderer.FLAKE_LOCK))) {
            inputs.add(TemplateRenderer.FLAKE_LOCK);
        }
        MessageDigest digest = sha256();
        for (String file : inputs) {
            byte[] bytes = Files.readAllBytes(tree.resolve(file));
            digest.update(file.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) 0);
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
