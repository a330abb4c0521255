package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.metrics.MetricsFiles;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.testing.ExternalTools;
import dev.nixpve.testing.FakeClock;
import dev.nixpve.testing.HttpDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of real runs (against the simulator), read back through the real programs an
 * operator runs: Debian's prometheus-node-exporter reading the textfile directory, and
 * prometheus-pushgateway, each on 127.0.0.1; after a success and after a failure.
 */
class MetricsExportTest {

    private static final String TOKEN = "0123456789abcdef0123";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void nodeExporterServesTheMetricsFileAfterASuccessAndAfterAFailure() throws Exception {
        Path exporter = ExternalTools.require("prometheus-node-exporter", "prometheus-node-exporter");
        Path textfiles = Files.createDirectories(dir.resolve("textfile"));
        String metricsFile = textfiles.resolve("nixpve.prom").toString();
        try (HttpDaemon node = HttpDaemon.start(exporter, port -> List.of("--collector.disable-defaults",
                "--collector.textfile", "--collector.textfile.directory=" + textfiles,
                "--web.listen-address=127.0.0.1:" + port), "/metrics", dir)) {
            assertEquals(0, rebuild("--metrics-file", metricsFile).exitCode());
            List<MetricsFiles.Sample> afterSuccess = nixpve(node.get("/metrics"));
            assertEquals(0, value(node.get("/metrics"), "node_textfile_scrape_error"), "the file parses");
            assertEquals(1, runs(afterSuccess, "succeeded"));
            assertEquals(MetricsFiles.contract(), MetricsFiles.shape(afterSuccess));

            assertEquals(1, rebuild(List.of("install-fail=format"), "--force", "--metrics-file", metricsFile)
                    .exitCode());
            List<MetricsFiles.Sample> afterFailure = nixpve(node.get("/metrics"));
            assertEquals(1, runs(afterFailure, "succeeded"));
            assertEquals(1, runs(afterFailure, "failed"));
            assertTrue(sample(afterFailure, "nixpve_last_failure_timestamp_seconds").value()
                    >= sample(afterFailure, "nixpve_last_success_timestamp_seconds").value());
            assertEquals(sample(afterSuccess, "nixpve_template_vmid").value(),
                    sample(afterFailure, "nixpve_template_vmid").value(), "the failure left the template current");
        }
    }

    @Test
    void thePushgatewayHoldsTheMetricsGroupedByJobImageAndNodeAfterASuccessAndAfterAFailure() throws Exception {
        Path gateway = ExternalTools.require("prometheus-pushgateway", "prometheus-pushgateway");
        try (HttpDaemon push = HttpDaemon.start(gateway, port -> List.of("--web.listen-address=127.0.0.1:" + port,
                "--persistence.file="), "/-/ready", dir)) {
            String url = push.uri().toString();
            assertEquals(0, rebuild("--pushgateway", url).exitCode());
            JsonNode group = group(push);
            assertEquals(1, pushed(group, "nixpve_runs_total", "succeeded"));
            assertEquals(MetricsFiles.contract(), MetricsFiles.shape(nixpve(push.get("/metrics"))));

            assertEquals(1, rebuild(List.of("install-fail=format"), "--force", "--pushgateway", url).exitCode());
            JsonNode failed = group(push);
            assertEquals(1, pushed(failed, "nixpve_runs_total", "succeeded"));
            assertEquals(1, pushed(failed, "nixpve_runs_total", "failed"));
            assertTrue(failed.has("nixpve_template_info"), "the template is still known after the failure");
        }
    }

    private CliRun rebuild(String... flags) throws IOException {
        return rebuild(List.of(), flags);
    }

    private CliRun rebuild(List<String> faults, String... flags) throws IOException {
        Path iso = dir.resolve("nixos.iso");
        StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
        List<String> args = new ArrayList<>(List.of("rebuild", "--iso", iso.toString(), "--out", "out"));
        args.addAll(List.of(flags));
        // Each run a simulator of its own; what the metrics remember lives in out/state.
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { }).withFaults(faults))) {
            return CliRun.run(clock, sim.environment(), dir, args.toArray(String[]::new));
        }
    }

    /** The Pushgateway's group job=nixpve, image=nixos-base, node=pve1: metric name -> its metric family. */
    private static JsonNode group(HttpDaemon push) throws Exception {
        JsonNode groups = new ObjectMapper().readTree(push.get("/api/v1/metrics")).path("data");
        List<JsonNode> ours = StreamSupport.stream(groups.spliterator(), false)
                .filter(g -> g.path("labels").path("job").asText().equals("nixpve")
                        && g.path("labels").path("image").asText().equals("nixos-base")
                        && g.path("labels").path("node").asText().equals("pve1")).toList();
        assertEquals(1, ours.size(), groups.toString());
        return ours.get(0);
    }

    private static double pushed(JsonNode group, String metric, String outcome) {
        return StreamSupport.stream(group.path(metric).path("metrics").spliterator(), false)
                .filter(m -> m.path("labels").path("outcome").asText().equals(outcome))
                .mapToDouble(m -> Double.parseDouble(m.path("value").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + "{outcome=" + outcome + "} in " + group));
    }

    private static List<MetricsFiles.Sample> nixpve(String scraped) {
        return MetricsFiles.samples(scraped).stream().filter(s -> s.name().startsWith("nixpve_"))
                .map(s -> {
                    var labels = new java.util.TreeMap<>(s.labels());
                    labels.remove("job");
                    labels.remove("instance");
                    return new MetricsFiles.Sample(s.name(), labels, s.value());
                }).toList();
    }

    private static double runs(List<MetricsFiles.Sample> samples, String outcome) {
        return samples.stream().filter(s -> s.name().equals("nixpve_runs_total")
                && outcome.equals(s.labels().get("outcome"))).findFirst().orElseThrow().value();
    }

    private static MetricsFiles.Sample sample(List<MetricsFiles.Sample> samples, String name) {
        return samples.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + samples));
    }

    private static double value(String scraped, String name) {
        return MetricsFiles.samples(scraped).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + scraped)).value();
    }
}
