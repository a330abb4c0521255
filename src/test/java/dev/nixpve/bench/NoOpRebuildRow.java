package dev.nixpve.bench;

import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 17: {@code nixpve rebuild} with nothing to do, as a timer runs it most days, JVM start
 * included, against a full {@code rebuild --iso} on a fresh simulated node. The no-op runs in a
 * directory whose template a run of the row's setup built; the full run gets a fresh simulator and
 * directory each time. API calls and writes are counted: a no-op writes nothing.
 */
final class NoOpRebuildRow implements Row {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration NO_OP_TARGET = Duration.ofSeconds(3);

    private final Settings settings;
    private final PveSimulator built;
    private final Path builtDirectory;

    NoOpRebuildRow(Settings settings) throws Exception {
        this.settings = settings;
        this.builtDirectory = Files.createTempDirectory(settings.workDirectory(), "no-op-");
        this.built = PveSimulator.start(simulator());
        prepare(builtDirectory);
        settings.cli().run(builtDirectory, built.environment(), RUN_TIMEOUT, rebuild());
    }

    @Override
    public String name() {
        return "no-op";
    }

    @Override
    public String title() {
        return "rebuild with nothing to do against a full rebuild --iso, JVM start included";
    }

    @Override
    public String target() {
        return "the no-op's median under " + NO_OP_TARGET.toSeconds() + " s, with no write call";
    }

    @Override
    public List<Variant> variants() {
        return List.of(Variant.baseline("full run", this::fullRun),
                Variant.within("no-op rebuild", NO_OP_TARGET, this::noOp));
    }

    private Sample fullRun() throws Exception {
        Path dir = Files.createTempDirectory(settings.workDirectory(), "full-");
        try (PveSimulator sim = PveSimulator.start(simulator())) {
            prepare(dir);
            Duration wall = settings.cli().run(dir, sim.environment(), RUN_TIMEOUT, rebuild());
            return new Sample(wall, calls(sim.requests()));
        } finally {
            Trees.delete(dir);
        }
    }

    private Sample noOp() throws Exception {
        int before = built.requests().size();
        Duration wall = settings.cli().run(builtDirectory, built.environment(), RUN_TIMEOUT, rebuild());
        List<String> requests = built.requests();
        return new Sample(wall, calls(requests.subList(before, requests.size())));
    }

    private static Map<String, Long> calls(List<String> requests) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("API calls", (long) requests.size());
        counts.put("writes", requests.stream().filter(r -> !r.startsWith("GET ")).count());
        return counts;
    }

    private static List<String> rebuild() {
        return List.of("rebuild", "--iso", "nixos.iso", "--out", "out");
    }

    private void prepare(Path dir) throws IOException {
        SimulatedRuns.writeIso(dir.resolve("nixos.iso"));
        Files.writeString(dir.resolve("nixpve.yaml"), SimulatedRuns.commonConfig(settings));
    }

    private SimOptions simulator() {
        return SimulatedRuns.simulator(settings);
    }

    @Override
    public void close() throws IOException {
        built.close();
        Trees.delete(builtDirectory);
    }
}
