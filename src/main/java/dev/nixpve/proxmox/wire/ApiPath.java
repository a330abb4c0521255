package dev.nixpve.proxmox.wire;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Builds an API path from raw segments, each percent-encoded ("local:iso/x.iso" stays one segment). */
public final class ApiPath {

    private ApiPath() {
    }

    public static String of(Object... segments) {
        return Arrays.stream(segments).map(String::valueOf).map(ApiPath::encodeSegment)
                .collect(Collectors.joining("/", "/", ""));
    }

    static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20")
                .replace("%3A", ":").replace("%40", "@");
    }
}
