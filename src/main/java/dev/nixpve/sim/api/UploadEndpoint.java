package dev.nixpve.sim.api;

import dev.nixpve.sim.fault.Fault;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.http.ConnectionReset;
import dev.nixpve.sim.http.SimRequest;
import dev.nixpve.sim.state.StorageContent;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /nodes/{node}/storage/{storage}/upload}: the body is spooled to disk as it streams
 * (as pveproxy spools to /var/tmp), digesting it on the way; only then are the parameters checked
 * and the imgcopy task started, which verifies the checksum. The upload privilege was checked
 * before the body (see {@link PveApi}). Runs outside the cluster's lock.
 */
final class UploadEndpoint {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)multipart/form-data;\\s*boundary=\"?([^\";]+)\"?");

    private final ApiContext context;

    UploadEndpoint(ApiContext context) {
        this.context = context;
    }

    Object handle(Map<String, String> pathVariables, SimRequest request, EndpointRules rules, Principal principal)
            throws IOException {
        Map<String, List<String>> params = new LinkedHashMap<>();
        RequestParams.form(request.rawQuery(), params);
        if (request.contentLength() <= 0) {
            // AnyEvent.pm spools only a body with a Content-Length; without one this is a plain call
            rules.validate(pathVariables, params);
            throw PveError.server("missing temporary file name\n");
        }
        Matcher boundary = BOUNDARY.matcher(request.header("Content-Type").orElse(""));
        Path spool = Files.createTempFile(Files.createDirectories(context.cluster().workDirectory().resolve("spool")),
                "pveupload-", ".tmp");
        AtomicReference<MessageDigest> digest = new AtomicReference<>();
        MultipartReader.Parts parts = new MultipartReader.Parts(Map.of(), Optional.empty(), 0);
        boolean answerLost;
        String upid;
        try {
            if (boundary.find()) {
                InputStream body = context.cluster().faults().takeUploadReset()
                        ? new ResetHalfway(request.body(), request.contentLength()) : request.body();
                parts = new MultipartReader(body, boundary.group(1)).read(fields -> open(spool, fields, digest));
            }
            parts.fields().forEach((key, value) -> params.putIfAbsent(key, new ArrayList<>(List.of(value))));
            parts.fileName().ifPresent(name -> params.put("filename", new ArrayList<>(List.of(name))));
            if (parts.fileName().isEmpty()) {
                throw PveError.parameter("filename", "property is missing and it is not optional");
            }
            Map<String, String> valid = rules.validate(pathVariables, params);
            StorageContent.Spooled upload = new StorageContent.Spooled(spool, parts.fileBytes(),
                    valid.get("filename"), Optional.ofNullable(valid.get("checksum-algorithm")),
                    Optional.ofNullable(valid.get("checksum")),
                    Optional.ofNullable(digest.get()).map(d -> HexFormat.of().formatHex(d.digest())));
            answerLost = context.cluster().faults().takeUploadAnswerLost();
            synchronized (context.cluster()) {
                context.cluster().catchUp();
                upid = context.content().importUpload(pathVariables.get("node"), pathVariables.get("storage"),
                        valid.get("content"), upload, principal.taskOwner(),
                        answerLost ? Fault.UploadAnswerLost.COPY : StorageContent.copyTime(upload)).upid();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        if (answerLost) {
            // The task copies the spooled file into place: it stays.
            throw new ConnectionReset("upload-answer-lost fault, after task " + upid + " started");
        }
        return upid;
    }

    private static OutputStream open(Path spool, Map<String, String> fields, AtomicReference<MessageDigest> digest) {
        try {
            OutputStream out = Files.newOutputStream(spool);
            String algorithm = fields.get("checksum-algorithm");
            if (algorithm == null) {
                return out;
            }
            digest.set(MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-")));
            return new DigestOutputStream(out, digest.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw PveError.parameter("checksum-algorithm", "value '" + fields.get("checksum-algorithm")
                    + "' does not have a value in the enumeration 'md5, sha1, sha224, sha256, sha384, sha512'");
        }
    }

    /** The upload-reset fault: the connection drops once half the body has arrived. */
    private static final class ResetHalfway extends FilterInputStream {
        private long remainingBeforeReset;

        ResetHalfway(InputStream in, long length) {
            super(in);
            this.remainingBeforeReset = length / 2;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remainingBeforeReset <= 0) {
                throw new ConnectionReset("upload-reset fault");
            }
            int read = super.read(buffer, offset, (int) Math.min(length, remainingBeforeReset));
            if (read > 0) {
                remainingBeforeReset -= read;
            }
            return read;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xFF;
        }
    }
}
