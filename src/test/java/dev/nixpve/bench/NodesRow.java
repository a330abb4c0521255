package dev.nixpve.bench;

import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Issues 15 and 17: build-and-deploy-template with a prebuilt ISO over 1, 2, 4, 8 simulated nodes with
 * node-local disks, wall time and API calls, against 1 node. Each measurement gets a fresh simulated
 * cluster and working directory, so every run builds on every node; the simulator runs in the
 * harness's JVM (as {@code nixpve sim} runs it, with the same options) so that its request log counts
 * the run's API calls, and the CLI runs as its own process.
 */
final class NodesRow implements Row {

    /** Generous: a run that takes this long is stuck, whatever the machine. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    private final Settings settings;

    NodesRow(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "nodes";
    }

    @Override
    public String title() {
        return settings.nodes().stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " simulated nodes (local disks), build-and-deploy-template --iso, wall time and API calls";
    }

    @Override
    public String target() {
        return "wall time grows far less than linearly: the ratio to 1 node at most the square root of the nodes";
    }

    @Override
    public List<Variant> variants() {
        int baseline = settings.nodes().get(0);
        List<Variant> variants = new ArrayList<>(List.of(Variant.baseline(label(baseline), () -> measure(baseline))));
        for (int n : settings.nodes().subList(1, settings.nodes().size())) {
            variants.add(new Variant(label(n), Math.sqrt((double) n / baseline), () -> measure(n)));
        }
        return variants;
    }

    private static String label(int nodes) {
        return nodes == 1 ? "1 node" : nodes + " nodes";
    }

    private Sample measure(int count) throws Exception {
        List<String> nodes = IntStream.rangeClosed(1, count).mapToObj(i -> "pve" + i).toList();
        Path dir = Files.createTempDirectory(settings.workDirectory(), "nodes-" + count + "-");
        try (PveSimulator sim = PveSimulator.start(simulator(nodes))) {
            SimulatedRuns.writeIso(dir.resolve("nixos.iso"));
            Files.writeString(dir.resolve("nixpve.yaml"), "target:\n  nodes: [" + String.join(", ", nodes) + "]\n"
                    + SimulatedRuns.commonConfig(settings));
            Duration wall = settings.cli().run(dir, sim.environment(), RUN_TIMEOUT,
                    List.of("build-and-deploy-template", "--iso", "nixos.iso", "--out", "out"));
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("API calls", (long) sim.requests().size());
            return new Sample(wall, counts);
        } finally {
            Trees.delete(dir);
        }
    }

    private SimOptions simulator(List<String> nodes) {
        return SimulatedRuns.simulator(settings).withNodes(nodes);
    }
}
