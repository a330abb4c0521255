package dev.nixpve.pipeline;

import dev.nixpve.config.ConfigLoader;
import dev.nixpve.config.ConfigOverride;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.RenderedTree;
import dev.nixpve.testing.FakeClock;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.cli.demo.StandInIsoBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline against the simulator on a fake clock: the monitor and task waits "sleep" by
 * advancing the clock, so a 60 s install takes milliseconds. The renderer is a stand-in that
 * writes a tree whose build id comes from the test, and the builder writes a stand-in ISO.
 */
final class PipelineHarness implements AutoCloseable {

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));
    final PveSimulator simulator;
    final ProxmoxClient client;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    final Path out;
    String buildId = "3f2a9c1b7d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
    Map<String, String> configEnvironment = new HashMap<>();
    IsoBuilder builder = new StandInIsoBuilder();
    /** When it says yes to an event, the run dies there as a killed process would: no cleanup, no end line. */
    java.util.function.Predicate<Event> dieWhen = e -> false;

    /** What a kill -9 is to the run: not an Exception, so nothing catches it and nothing is cleaned up. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed(Event at) {
            super("killed at " + at);
        }
    }

    PipelineHarness(Path out, String... faults) throws Exception {
        this.out = out;
        simulator = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { })
                .withFaults(List.of(faults)));
        client = new ProxmoxConnector(clock, clock, EventSink.discard()).connect(config(List.of()).proxmox());
    }

    NixpveConfig config(List<ConfigOverride> overrides) throws Exception {
        Map<String, String> environment = new HashMap<>(simulator.environment());
        environment.putAll(configEnvironment);
        Path file = out.resolve("nixpve.yaml");
        return new ConfigLoader(environment).load(Files.exists(file) ? Optional.of(file) : Optional.empty(),
                overrides, out);
    }

    BuildAndDeploy pipeline() {
        return pipeline(client);
    }

    private BuildAndDeploy pipeline(ProxmoxClient with) {
        return new BuildAndDeploy(with, this::render, builder, clock, clock, event -> {
            events.add(event);
            if (dieWhen.test(event)) {
                throw new Killed(event);
            }
        });
    }

    /** A run with the credentials in {@code configEnvironment} (e.g. a limited token), not the root token. */
    DeployResult runWithConfiguredCredentials() throws Exception {
        NixpveConfig config = config(List.of());
        try (ProxmoxClient limited = new ProxmoxConnector(clock, clock, EventSink.discard()).connect(config.proxmox())) {
            return pipeline(limited).run(config, config.target().single(), new DeployOptions(Optional.empty(), false, false, out.resolve("out"),
                    out.resolve("out/state"), "test", Freshness.WHEN_CHANGED));
        }
    }

    /** The dry run of what {@link #run(boolean)} would do, over the same simulator. */
    DryRun.Plan dryRun() throws Exception {
        return new DryRun(client, this::render, builder, clock, events::add).plan(config(List.of()), Optional.empty(),
                out.resolve("out"), false, Freshness.WHEN_CHANGED, "test");
    }

    DeployResult run(boolean keepFailed) throws Exception {
        return run(keepFailed, false);
    }

    DeployResult run(boolean keepFailed, boolean updateNixpkgs) throws Exception {
        return run(keepFailed, updateNixpkgs, Freshness.WHEN_CHANGED);
    }

    DeployResult run(boolean keepFailed, boolean updateNixpkgs, Freshness freshness) throws Exception {
        NixpveConfig config = config(List.of());
        return pipeline().run(config, config.target().single(), new DeployOptions(Optional.empty(), keepFailed,
                updateNixpkgs,
                out.resolve("out"), out.resolve("out/state"), "test", freshness));
    }

    private RenderedTree render(NixpveConfig config, Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("flake.nix"), "{ }\n");
        // Like the real renderer, a flake.lock in the tree is part of the id.
        Path lock = dir.resolve("flake.lock");
        String id = Files.exists(lock) ? sha256(buildId + Files.readString(lock)) : buildId;
        String token = BuildIdentity.tokenFor(id);
        return new RenderedTree(dir, new BuildIdentity(id, token, BuildIdentity.volumeIdFor(token),
                clock.instant(), "test"));
    }

    static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Non-template VMs and templates now on the cluster, as "vmid:name:template", from their configs. */
    List<String> guests() {
        return client.resources(Optional.of("vm")).stream().map(r -> {
            var config = client.vmConfig(r.node().orElseThrow(), r.vmid().orElseThrow());
            return r.vmid().orElseThrow() + ":" + config.name().orElse("") + (config.isTemplate() ? ":template" : "");
        }).sorted().toList();
    }

    List<String> writes() {
        return simulator.requests().stream().filter(r -> !r.startsWith("GET ")).toList();
    }

    @Override
    public void close() {
        client.close();
        simulator.close();
    }
}
