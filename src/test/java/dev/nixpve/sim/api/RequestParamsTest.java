package dev.nixpve.sim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Form data is split as pveproxy's CGI-style parser splits it: on '&' and on ';'. */
class RequestParamsTest {

    @Test
    void formDataSplitsOnAmpersandAndSemicolon() {
        Map<String, List<String>> params = new LinkedHashMap<>();

        RequestParams.form("vmid=9100;name=nixos&tags=a%3Bb;;", params);

        assertEquals(Map.of("vmid", List.of("9100"), "name", List.of("nixos"), "tags", List.of("a;b")), params);
    }
}
