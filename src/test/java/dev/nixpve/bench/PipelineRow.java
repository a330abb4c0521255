package dev.nixpve.bench;

import dev.nixpve.cli.demo.AcceleratedClock;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 17: what nixpve itself adds to a build, {@code build-and-deploy-template --iso} on one
 * simulated node. With the simulator's clock {@value #INSTANT}x real time and a 1 ms install, every
 * simulated duration (each task, the install, the installer's hold of "done", the boot) takes a
 * thousandth of itself, under 0.1 s for the whole run, so what is left of the wall time is the pipeline's: JVM start,
 * hashing, requests, and the part of each poll interval slept past a task's end. The baseline is
 * {@code pve check}, the fixed cost of JVM, config, TLS and a few reads. In real time (the row's
 * install time and clock) the same build shows how often nixpve asks while it waits: API calls per
 * minute over the run, in its median 10 s and in its busiest. A third build, instant again, with a stand-in ISO
 * padded to {@link #readsIsoSize}, counts the bytes the CLI read: the ISO's reads, hash and upload,
 * stand out of the JVM's own (its jar, the answers).
 */
final class PipelineRow implements Row {

    static final int INSTANT = 1000;
    private static final Duration INSTANT_INSTALL = Duration.ofMillis(1);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration OVERHEAD_TARGET = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final long SAMPLE_MILLIS = 250;

    private final Settings settings;
    private final long readsIsoSize;

    PipelineRow(Settings settings) {
        this.settings = settings;
        this.readsIsoSize = Math.min(settings.uploadSize().bytes(), 256L << 20);
    }

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String title() {
        return "build-and-deploy-template --iso on 1 simulated node: the pipeline's own time (simulator "
                + INSTANT + "x), its polling in real time, and its reads of a " + (readsIsoSize >> 20) + " MiB ISO";
    }

    @Override
    public String target() {
        return "with instant simulated tasks, the run under " + OVERHEAD_TARGET.toSeconds()
                + " s; no busy polling while it waits";
    }

    @Override
    public List<Variant> variants() {
        List<Variant> variants = new ArrayList<>(List.of(Variant.baseline("pve check", this::pveCheck),
                Variant.within("build, instant tasks", OVERHEAD_TARGET, () -> build(INSTANT, 0, false)),
                new Variant("build, instant, " + (readsIsoSize >> 20) + " MiB ISO", Double.NaN,
                        () -> build(INSTANT, readsIsoSize, false))));
        if (!settings.quick()) { // its waits are install.pollInterval's 5 s, at any simulator speed
            variants.add(new Variant("build, real time", Double.NaN, () -> build(settings.simSpeed(), 0, true)));
        }
        return variants;
    }

    private Sample pveCheck() throws Exception {
        Path dir = Files.createTempDirectory(settings.workDirectory(), "pipeline-check-");
        try (PveSimulator sim = PveSimulator.start(simulator(INSTANT))) {
            CliLauncher.Measured run = settings.cli().measure(dir, sim.environment(), RUN_TIMEOUT,
                    List.of("pve", "check"));
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("API calls", (long) sim.requests().size());
            counts.put("CPU, ms", run.cpu().toMillis());
            counts.put("MiB read", run.bytesRead() >> 20);
            return new Sample(run.wall(), counts);
        } finally {
            Trees.delete(dir);
        }
    }

    /** One build on a fresh node at {@code speed}, with the stand-in ISO padded to {@code isoSize} (0: as it is). */
    private Sample build(int speed, long isoSize, boolean sampleCalls) throws Exception {
        Path dir = Files.createTempDirectory(settings.workDirectory(), "pipeline-");
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-call-sampler");
            thread.setDaemon(true);
            return thread;
        });
        try (PveSimulator sim = PveSimulator.start(simulator(speed))) {
            Path iso = dir.resolve("nixos.iso");
            SimulatedRuns.writeIso(iso);
            pad(iso, isoSize);
            Files.writeString(dir.resolve("nixpve.yaml"), SimulatedRuns.commonConfig(settings));
            List<Integer> callsSoFar = new ArrayList<>();
            if (sampleCalls) {
                sampler.scheduleAtFixedRate(() -> {
                    int calls = sim.requests().size();
                    synchronized (callsSoFar) {
                        callsSoFar.add(calls);
                    }
                }, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
            }
            CliLauncher.Measured run = settings.cli().measure(dir, sim.environment(), RUN_TIMEOUT,
                    List.of("build-and-deploy-template", "--iso", "nixos.iso", "--out", "out"));
            sampler.shutdownNow();
            int calls = sim.requests().size();
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("API calls", (long) calls);
            counts.put("CPU, ms", run.cpu().toMillis());
            counts.put("MiB read", run.bytesRead() >> 20);
            if (sampleCalls) {
                counts.put("calls per minute", Math.round(calls / (run.wall().toMillis() / 60_000.0)));
                synchronized (callsSoFar) {
                    List<Long> windows = windowsPerMinute(callsSoFar);
                    counts.put("calls per minute, median 10 s", windows.get(windows.size() / 2));
                    counts.put("calls per minute, busiest 10 s", windows.get(windows.size() - 1));
                }
            }
            return new Sample(run.wall(), counts);
        } finally {
            sampler.shutdownNow();
            Trees.delete(dir);
        }
    }

    /**
     * The calls in each {@link #WINDOW} of the run that starts at a sample (cumulative counts every
     * SAMPLE_MILLIS), per minute, sorted: the median is a run's rate while it waits, which is most of
     * it; the busiest is preflight's or a step's burst.
     */
    private static List<Long> windowsPerMinute(List<Integer> cumulative) {
        int span = (int) (WINDOW.toMillis() / SAMPLE_MILLIS);
        List<Long> perMinute = new ArrayList<>();
        for (int i = 0; i + span < cumulative.size(); i++) {
            perMinute.add(Math.round((cumulative.get(i + span) - cumulative.get(i)) * (60.0 / WINDOW.toSeconds())));
        }
        if (perMinute.isEmpty()) { // a run shorter than one window
            perMinute.add(Math.round((cumulative.get(cumulative.size() - 1) - cumulative.get(0))
                    * (60.0 / WINDOW.toSeconds())));
        }
        perMinute.sort(null);
        return perMinute;
    }

    /** Pads the stand-in ISO with zeros up to {@code size}: its marker and volume id stay where they are. */
    private static void pad(Path iso, long size) throws IOException {
        long missing = size - Files.size(iso);
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(iso, StandardOpenOption.APPEND)) {
            for (long left = missing; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }
    }

    /**
     * One node at {@code speed}. Instant runs install in a simulated millisecond: at 1000x the installer's
     * 10 s hold of "done" is 10 ms, which no poll interval catches, and an install with phases of its own
     * could be seen mid-phase and then powered off, which the monitor rightly calls a failure; with all
     * phases at once it sees either nothing (the outcome unconfirmed) or "done".
     */
    private SimOptions simulator(int speed) {
        Clock clock = speed == 1 ? Clock.systemUTC() : new AcceleratedClock(Clock.systemUTC(), speed);
        Duration install = speed == INSTANT ? INSTANT_INSTALL : settings.installTime();
        return SimOptions.defaults().withPort(0).withNodes(List.of("pve1")).withInstallTime(install).withClock(clock);
    }
}
