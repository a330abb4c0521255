package dev.nixpve.proxmox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.event.EventSink;

/** Sends API calls and returns the response's {@code data} member; errors arrive as ProxmoxExceptions. */
public interface ApiTransport extends AutoCloseable {

    ApiResponse call(ApiRequest request);

    /** POST a multipart upload with its exact Content-Length; progress goes to {@code events}. */
    ApiResponse upload(ApiRequest request, MultipartUpload body, String operation, EventSink events);

    /** Who the calls run as, safe to print. */
    String identity();

    @Override
    void close();
}
