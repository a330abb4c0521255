package dev.nixpve.nix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.ProgressEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Puts a finished ISO into the output directory under its build's name, checksumming it on the way. */
public final class IsoPlacement {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?");
    private static final int BUFFER = 1 << 20;
    /** One progress event per this many bytes: a few hundred for a multi-GB ISO. */
    private static final long PROGRESS_STEP = 16L << 20;

    private IsoPlacement() {
    }

    /**
     * {@code nixpve-<image name>-<build token>.iso}: the token in the name lets a later run find the ISO
     * of the same build. The name is read from the tree's image data and checked again, since it
     * becomes a file name.
     */
    public static String fileName(RenderedTree tree) throws IsoBuildException {
        Path data = tree.directory().resolve(ImageData.FILE_NAME);
        String name;
        try {
            JsonNode json = NixJson.MAPPER.readTree(data.toFile());
            name = json.path("name").asText("");
        } catch (IOException e) {
            throw new IsoBuildException(IsoBuildException.Reason.TREE_UNREADABLE, "cannot read " + data + ": " + e,
                    List.of(), e);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IsoBuildException(IsoBuildException.Reason.BAD_IMAGE_NAME, data + ": the image name '" + name
                    + "' cannot be part of a file name", List.of());
        }
        return "nixpve-" + name + "-" + tree.identity().buildToken() + ".iso";
    }

    /** Copies {@code iso} to {@code target} (via a .part file and a rename), hashing as it goes. */
    public static BuiltIso copy(Path iso, Path target, EventSink events, Optional<String> nixpkgsRevision)
            throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        MessageDigest digest = BuildId.sha256();
        long size;
        try (InputStream in = Files.newInputStream(iso); OutputStream out = Files.newOutputStream(partial)) {
            size = pump(in, out, digest, events, "copy " + target.getFileName(), Files.size(iso));
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new BuiltIso(target.toAbsolutePath(), size, HexFormat.of().formatHex(digest.digest()), nixpkgsRevision);
    }

    /**
     * Takes over an ISO already written next to {@code target} (same file system): hashes it, then
     * renames it into place, so a multi-GB file is read once and never copied.
     */
    public static BuiltIso adopt(Path staged, Path target, EventSink events, Optional<String> nixpkgsRevision)
            throws IOException {
        MessageDigest digest = BuildId.sha256();
        long size;
        try (InputStream in = Files.newInputStream(staged)) {
            size = pump(in, OutputStream.nullOutputStream(), digest, events, "checksum " + target.getFileName(),
                    Files.size(staged));
        }
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new BuiltIso(target.toAbsolutePath(), size, HexFormat.of().formatHex(digest.digest()), nixpkgsRevision);
    }

    private static long pump(InputStream in, OutputStream out, MessageDigest digest, EventSink events,
                             String operation, long total) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long done = 0;
        long reported = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            digest.update(buffer, 0, read);
            out.write(buffer, 0, read);
            done += read;
            if (done - reported >= PROGRESS_STEP) {
                events.emit(new ProgressEvent(operation, done, total));
                reported = done;
            }
        }
        events.emit(new ProgressEvent(operation, done, done));
        return done;
    }
}
