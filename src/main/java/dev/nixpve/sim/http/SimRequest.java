package dev.nixpve.sim.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the simulator's API layer sees it: the body is left unread, because an
 * upload must stream to disk while a form body must stay under PVE's 512 KiB limit; the API
 * decides which. Header names are case-insensitive.
 */
public final class SimRequest {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final TreeMap<String, String> headers;
    private final long contentLength;
    private final InputStream body;
    private final String peer;

    SimRequest(String method, String path, String rawQuery, Map<String, String> headers, long contentLength,
               InputStream body, String peer) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.headers.putAll(headers);
        this.contentLength = contentLength;
        this.body = body;
        this.peer = peer;
    }

    public String method() {
        return method;
    }

    /** The URL-decoded path, e.g. {@code /api2/json/nodes/pve1/storage/local/content/local:iso/x.iso}. */
    public String path() {
        return path;
    }

    /** The query string as sent (still encoded), or empty. */
    public String rawQuery() {
        return rawQuery;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** 0 when there is no Content-Length (PVE reads no body then). */
    public long contentLength() {
        return contentLength;
    }

    /** The body, exactly {@link #contentLength()} bytes. */
    public InputStream body() {
        return body;
    }

    public byte[] readBody() throws IOException {
        return body.readNBytes((int) Math.min(contentLength, Integer.MAX_VALUE));
    }

    public String peer() {
        return peer;
    }
}
