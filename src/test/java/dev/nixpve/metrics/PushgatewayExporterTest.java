package dev.nixpve.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the real Pushgateway cannot show here (MetricsExportTest pushes to one): basic auth from
 * the URL's user info, which never shows in a message, grouping-key values a path cannot hold, and
 * that a run over several nodes replaces only the group of the node whose series changed.
 */
class PushgatewayExporterTest {

    private static final String SECRET = "s3cr+t/pa ss";

    private final WireMockServer gateway = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop();
    }

    @Test
    void theUserAndPasswordOfTheUrlAreSentAsBasicAuthAndNeverShown() throws Exception {
        gateway.stubFor(put(urlEqualTo("/metrics/job/nixpve/image/nixos-base/node/pve1")).willReturn(aResponse()
                .withStatus(200)));
        String encoded = java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("+", "%20");
        PushgatewayExporter exporter = new PushgatewayExporter(URI.create("http://metrics:" + encoded
                + "@127.0.0.1:" + gateway.port()));

        exporter.push("nixos-base", "pve1", "nixpve_runs_total{outcome=\"succeeded\"} 1\n");

        gateway.verify(putRequestedFor(urlEqualTo("/metrics/job/nixpve/image/nixos-base/node/pve1"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(("metrics:" + SECRET)
                        .getBytes(StandardCharsets.UTF_8)))));
        assertEquals("Pushgateway http://127.0.0.1:" + gateway.port(), exporter.describe());
    }

    @Test
    void aRefusalSaysWhatTheGatewayAnsweredWithoutThePassword() {
        gateway.stubFor(put(urlEqualTo("/metrics/job/nixpve/image/nixos-base/node/pve1")).willReturn(aResponse()
                .withStatus(401).withBody("Unauthorized")));
        PushgatewayExporter exporter = new PushgatewayExporter(URI.create("http://metrics:wrong-secret@127.0.0.1:"
                + gateway.port()));

        IOException refused = assertThrows(IOException.class, () -> exporter.push("nixos-base", "pve1", "x 1\n"));

        assertEquals("the Pushgateway answered 401 Unauthorized: Unauthorized", refused.getMessage());
        assertFalse(exporter.describe().contains("wrong-secret"));
    }

    @Test
    void aGroupingValueAPathCannotHoldIsSentBase64Encoded() throws Exception {
        String node = "pve/1";
        String path = "/metrics/job/nixpve/image/nixos-base/node@base64/"
                + Base64.getUrlEncoder().encodeToString(node.getBytes(StandardCharsets.UTF_8));
        gateway.stubFor(put(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));

        new PushgatewayExporter(URI.create("http://127.0.0.1:" + gateway.port())).push("nixos-base", node, "x 1\n");

        gateway.verify(putRequestedFor(urlEqualTo(path)));
    }

    @Test
    void aNodesChangeReplacesItsOwnGroupWithItsOwnSeriesOnly() throws Exception {
        gateway.stubFor(put(urlEqualTo("/metrics/job/nixpve/image/nixos-base/node/pve2")).willReturn(aResponse()
                .withStatus(200)));
        RunSeries series = new RunSeries("nixos-base", "pve2", List.of(
                new RunSeries.Part("pve1", RunHistory.EMPTY.started(Instant.EPOCH), Measured.NOTHING),
                new RunSeries.Part("pve2", RunHistory.EMPTY.started(Instant.EPOCH), Measured.NOTHING)));

        new PushgatewayExporter(URI.create("http://127.0.0.1:" + gateway.port())).export(series);

        List<LoggedRequest> puts = gateway.findAll(putRequestedFor(urlMatching("/metrics/.*")));
        assertEquals(1, puts.size(), puts.toString());
        assertEquals("/metrics/job/nixpve/image/nixos-base/node/pve2", puts.get(0).getUrl());
        String body = puts.get(0).getBodyAsString();
        assertTrue(body.contains("nixpve_run_in_progress{image=\"nixos-base\",node=\"pve2\"} 1"), body);
        assertFalse(body.contains("pve1"), body);
    }
}
