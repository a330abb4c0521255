package dev.nixpve.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.http.SimRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a request's parameters as pveproxy does: GET and DELETE only from the query string (a
 * body is a 501), POST and PUT from a form or JSON body merged with the query string (query wins),
 * bodies over 512 KiB refused. A key sent twice keeps both values, so the schema check can reject it.
 */
final class RequestParams {

    static final int MAX_BODY = 512 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestParams() {
    }

    static Map<String, List<String>> read(SimRequest request) throws IOException {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String method = request.method();
        if ((method.equals("GET") || method.equals("DELETE")) && request.contentLength() > 0) {
            throw PveError.notImplemented("Unexpected content for method '" + method + "'");
        }
        if (request.contentLength() > MAX_BODY) {
            throw PveError.notImplemented("for data too large");
        }
        if (request.contentLength() > 0) {
            String body = new String(request.readBody(), StandardCharsets.UTF_8);
            if (request.header("Content-Type").orElse("").startsWith("application/json")) {
                json(body, params);
            } else {
                form(body, params);
            }
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        form(request.rawQuery(), query);
        params.putAll(query);
        return params;
    }

    static void form(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        // Like the CGI parser behind pveproxy, both '&' and ';' separate pairs.
        for (String pair : encoded.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    private static void json(String body, Map<String, List<String>> into) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw PveError.badRequest("malformed JSON string: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw PveError.badRequest("malformed JSON string: not an object");
        }
        tree.fields().forEachRemaining(field -> {
            List<String> values = into.computeIfAbsent(field.getKey(), k -> new ArrayList<>());
            JsonNode value = field.getValue();
            if (value.isArray()) {
                value.forEach(item -> values.add(scalar(item)));
            } else {
                values.add(scalar(value));
            }
        });
    }

    /** JSON true/false become 1/0, which PVE's schema check then accepts. */
    private static String scalar(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue() ? "1" : "0";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
