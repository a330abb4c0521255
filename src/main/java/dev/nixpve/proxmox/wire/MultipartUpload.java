package dev.nixpve.proxmox.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The multipart body of {@code POST .../storage/{storage}/upload}, written exactly as PVE's
 * hand-written parser demands: text parts {@code content}, {@code checksum-algorithm},
 * {@code checksum} in that order, then the file part named {@code filename} with
 * Content-Disposition as its first header. The length is known before a byte is sent, because PVE
 * refuses chunked uploads, and the file streams from disk so a multi-GB ISO needs constant memory.
 */
public final class MultipartUpload {

    private static final int BUFFER = 256 * 1024;

    private final String boundary;
    private final byte[] head;
    private final byte[] tail;
    private final Path file;
    private final long fileSize;
    private final Map<String, String> fields = new LinkedHashMap<>();

    public MultipartUpload(String content, String filename, Optional<String> sha256, Path file) throws IOException {
        this(randomBoundary(), content, filename, sha256, file);
    }

    MultipartUpload(String boundary, String content, String filename, Optional<String> sha256, Path file)
            throws IOException {
        this.boundary = boundary;
        this.file = file;
        this.fileSize = Files.size(file);
        fields.put("content", content);
        sha256.ifPresent(sum -> {
            fields.put("checksum-algorithm", "sha256");
            fields.put("checksum", sum);
        });
        StringBuilder text = new StringBuilder();
        fields.forEach((name, value) -> text.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        text.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"filename\"; filename=\"").append(filename)
                .append("\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n");
        this.head = text.toString().getBytes(StandardCharsets.UTF_8);
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        fields.put("filename", filename);
    }

    /** The form fields as PVE reads them (content, checksum-algorithm, checksum, filename), no file bytes. */
    public Map<String, String> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public long contentLength() {
        return head.length + fileSize + tail.length;
    }

    public long fileSize() {
        return fileSize;
    }

    /** Streams the body; {@code progress} receives the file bytes written so far. */
    public void writeTo(OutputStream out, LongConsumer progress) throws IOException {
        out.write(head);
        long written = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                written += read;
                progress.accept(written);
            }
        }
        if (written != fileSize) {
            throw new IOException(file + " changed size during the upload (" + fileSize + " -> " + written + ")");
        }
        out.write(tail);
        out.flush();
    }

    private static String randomBoundary() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return "nixpve-" + HexFormat.of().formatHex(bytes);
    }
}
