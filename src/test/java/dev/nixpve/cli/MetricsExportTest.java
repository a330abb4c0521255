package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.cli.demo.AcceleratedClock;
import dev.nixpve.metrics.MetricsFiles;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.testing.ExternalTools;
import dev.nixpve.testing.FakeClock;
import dev.nixpve.testing.HttpDaemon;
import dev.nixpve.wait.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of real runs (against the simulator), read back through the real programs an
 * operator runs: Debian's prometheus-node-exporter reading the textfile directory, and
 * prometheus-pushgateway, each on 127.0.0.1; after a success and after a failure, and after a run
 * over two nodes where one fails.
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

    @Test
    void aRunOverTwoNodesWhereOneFailsWritesBothNodesToOneTextfileAndAGroupPerNodeToThePushgateway()
            throws Exception {
        Path exporter = ExternalTools.require("prometheus-node-exporter", "prometheus-node-exporter");
        Path gateway = ExternalTools.require("prometheus-pushgateway", "prometheus-pushgateway");
        Path textfiles = Files.createDirectories(dir.resolve("textfile"));
        // Real time, 20 times faster, as ClusterRunCliTest: the nodes build at once, each on its own thread.
        AcceleratedClock fast = new AcceleratedClock(Clock.systemUTC(), 20);
        try (HttpDaemon node = HttpDaemon.start(exporter, port -> List.of("--collector.disable-defaults",
                "--collector.textfile", "--collector.textfile.directory=" + textfiles,
                "--web.listen-address=127.0.0.1:" + port), "/metrics", dir);
             HttpDaemon push = HttpDaemon.start(gateway, port -> List.of("--web.listen-address=127.0.0.1:" + port,
                     "--persistence.file="), "/-/ready", dir);
             // pve2's third task is its installer VM's start: it goes down 10 s after, mid-install (30 s);
             // pve3, outside the run, keeps the cluster quorate, so pve1 can still write its template.
             PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(fast)
                     .withDelayer(d -> { }).withInstallTime(Duration.ofSeconds(30))
                     .withNodes(List.of("pve1", "pve2", "pve3")).withFaults(List.of("node-offline=pve2@task3+10s")))) {
            Path iso = dir.resolve("nixos.iso");
            StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));

            CliRun run = CliRun.run(fast, fast.sleeper(Sleeper.system()), sim.environment(), dir, "rebuild",
                    "--iso", iso.toString(), "--out", "out", "--node", "pve1,pve2", "--metrics-file",
                    textfiles.resolve("nixpve.prom").toString(), "--pushgateway", push.uri().toString());

            assertEquals(1, run.exitCode(), run.all());
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("pve1: Published template ")), run.all());
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("pve2: failed. ")), run.out());
            String scraped = node.get("/metrics");
            assertEquals(0, value(scraped, "node_textfile_scrape_error"), "one file, no series twice: " + scraped);
            List<MetricsFiles.Sample> served = nixpve(scraped);
            assertEquals(1, runs(onNode(served, "pve1"), "succeeded"));
            assertEquals(0, runs(onNode(served, "pve1"), "failed"));
            assertEquals(1, runs(onNode(served, "pve2"), "failed"));
            assertEquals(0, runs(onNode(served, "pve2"), "succeeded"));
            assertEquals(0, sample(onNode(served, "pve1"), "nixpve_run_in_progress").value());
            assertEquals(0, sample(onNode(served, "pve2"), "nixpve_run_in_progress").value());
            assertEquals(MetricsFiles.contract(), MetricsFiles.shape(onNode(served, "pve1")));
            assertTrue(onNode(served, "pve2").stream().noneMatch(s -> s.name().equals("nixpve_template_info")),
                    "pve2 never had a template");

            JsonNode pve1 = group(push, "pve1");
            JsonNode pve2 = group(push, "pve2");
            assertEquals(1, pushed(pve1, "nixpve_runs_total", "succeeded"));
            assertEquals(1, pushed(pve2, "nixpve_runs_total", "failed"));
            assertEquals(0, pushed(pve2, "nixpve_runs_total", "succeeded"));
            assertTrue(pve1.has("nixpve_template_info") && !pve2.has("nixpve_template_info"), pve2.toString());
            assertTrue(Files.exists(dir.resolve("out/state/metrics/nixos-base@pve1.json"))
                    && Files.exists(dir.resolve("out/state/metrics/nixos-base@pve2.json")), "a history per node");
        }
    }

    @Test
    void aRunOverSeveralNodesThatCannotReachPveCountsAFailureOnEachNode() throws Exception {
        Map<String, String> environment;
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { }).withNodes(List.of("pve1", "pve2")))) {
            environment = sim.environment();
        }
        Path metricsFile = dir.resolve("nixpve.prom");
        // a readable ISO: a missing one is a usage error found before PVE is tried
        StandInIso.write(dir.resolve("nixos.iso"), TOKEN, BuildIdentity.volumeIdFor(TOKEN));

        CliRun run = CliRun.run(clock, environment, dir, "rebuild", "--iso", dir.resolve("nixos.iso").toString(),
                "--out", "out", "--node", "pve1,pve2", "--metrics-file", metricsFile.toString());

        assertEquals(1, run.exitCode(), run.all());
        List<MetricsFiles.Sample> samples = MetricsFiles.samples(Files.readString(metricsFile));
        for (String node : List.of("pve1", "pve2")) {
            assertEquals(1, runs(onNode(samples, node), "failed"), node + ": " + samples);
            assertEquals(clock.instant().getEpochSecond(), sample(onNode(samples, node),
                    "nixpve_last_failure_timestamp_seconds").value(), 1, node);
        }

        // all, which cannot list the cluster's nodes: the nodes earlier runs kept metrics of
        CliRun all = CliRun.run(clock, environment, dir, "rebuild", "--iso", dir.resolve("nixos.iso").toString(),
                "--out", "out", "--node", "all", "--metrics-file", metricsFile.toString());

        assertEquals(1, all.exitCode(), all.all());
        List<MetricsFiles.Sample> again = MetricsFiles.samples(Files.readString(metricsFile));
        assertEquals(2, runs(onNode(again, "pve1"), "failed"), again.toString());
        assertEquals(2, runs(onNode(again, "pve2"), "failed"), again.toString());
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
        return group(push, "pve1");
    }

    /** The Pushgateway's group job=nixpve, image=nixos-base and {@code node}: metric name -> its metric family. */
    private static JsonNode group(HttpDaemon push, String node) throws Exception {
        JsonNode groups = new ObjectMapper().readTree(push.get("/api/v1/metrics")).path("data");
        List<JsonNode> ours = StreamSupport.stream(groups.spliterator(), false)
                .filter(g -> g.path("labels").path("job").asText().equals("nixpve")
                        && g.path("labels").path("image").asText().equals("nixos-base")
                        && g.path("labels").path("node").asText().equals(node)).toList();
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

    private static List<MetricsFiles.Sample> onNode(List<MetricsFiles.Sample> samples, String node) {
        return samples.stream().filter(s -> node.equals(s.labels().get("node"))).toList();
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
