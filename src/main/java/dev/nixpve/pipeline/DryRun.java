package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.ImageRenderer;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.nix.FileTrees;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.TemplateRenderer;
import dev.nixpve.pipeline.steps.IsoCache;
import dev.nixpve.proxmox.ProxmoxClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code --dry-run}: the real recipe, every step of it, over a {@link PlanningTransport}: reads
 * reach PVE, writes are only listed. The tree is rendered and the journal written in a scratch
 * directory that is removed after, the ISO is not built, and no wait sleeps, so the plan is the
 * list of write calls a real run with the same inputs would make, in its order. Over several
 * nodes it plans the {@link ClusterRun}, one node after the other so each node's calls stay together.
 */
public final class DryRun {

    /** What the run would do: its write calls, and the outcome the planned run reached. */
    public record Plan(List<PlanningTransport.Call> writes, DeployResult result) {
    }

    /** What a run over several nodes would do: its write calls (each names its node), and each node's outcome. */
    public record ClusterPlan(List<PlanningTransport.Call> writes, ClusterRun.Result result) {

        /** The calls made on {@code node}, in order. */
        public List<PlanningTransport.Call> writesOn(String node) {
            return writes.stream().filter(c -> c.node().filter(node::equals).isPresent()).toList();
        }
    }

    /** One planned run, over the planning client, with the options that keep it in the scratch directory. */
    private interface Recipe<T> {
        T run(ProxmoxClient planned, IsoBuilder notBuilding, EventSink warnings, DeployOptions scratch)
                throws Exception;
    }

    private final ProxmoxClient client;
    private final ImageRenderer renderer;
    private final IsoBuilder builder;
    private final Clock clock;
    private final EventSink events;

    public DryRun(ProxmoxClient client, ImageRenderer renderer, IsoBuilder builder, Clock clock, EventSink events) {
        this.client = client;
        this.renderer = renderer;
        this.builder = builder;
        this.clock = clock;
        this.events = events;
    }

    public Plan plan(NixpveConfig config, Optional<Path> prebuiltIso, Path outDir, boolean updateNixpkgs,
                     Freshness freshness, String version) throws Exception {
        DeployOptions options = new DeployOptions(prebuiltIso, false, updateNixpkgs, outDir, outDir.resolve("state"),
                version, freshness);
        PlanningTransport[] planning = new PlanningTransport[1];
        DeployResult result = planned(config, options, planning, (planned, notBuilding, warnings, scratch) ->
                new BuildAndDeploy(planned, renderer, notBuilding, clock, duration -> { }, warnings).run(config,
                        config.target().single(), scratch));
        return new Plan(planning[0].writes(), result);
    }

    /**
     * Plans a run over {@code targets}, the nodes a real run would build on, with the real run's
     * options (its output directory holds the ISO cache and the nixpkgs lock the plan reads).
     */
    public ClusterPlan plan(NixpveConfig config, List<NodeTarget> targets, DeployOptions options) throws Exception {
        // One node at a time: what the nodes do at once in a real run, in an order the plan can show.
        NixpveConfig oneByOne = config.withTarget(config.target().withParallelism(1));
        PlanningTransport[] planning = new PlanningTransport[1];
        ClusterRun.Result result = planned(oneByOne, options, planning, (planned, notBuilding, warnings, scratch) ->
                new ClusterRun(planned, renderer, notBuilding, clock, duration -> { }, warnings).run(oneByOne,
                        targets, scratch));
        return new ClusterPlan(planning[0].writes(), result);
    }

    private <T> T planned(NixpveConfig config, DeployOptions options, PlanningTransport[] planning, Recipe<T> recipe)
            throws Exception {
        Path scratch = Files.createTempDirectory("nixpve-dry-run");
        try {
            Path lock = options.outDir().resolve("tree").resolve(TemplateRenderer.FLAKE_LOCK);
            if (Files.isRegularFile(lock) && !options.updateNixpkgs()) {
                // the lock a real run would use, so the plan names the same build id
                Files.createDirectories(scratch.resolve("out/tree"));
                Files.copy(lock, scratch.resolve("out/tree").resolve(TemplateRenderer.FLAKE_LOCK));
            }
            ProxmoxClient planned = client.through(real -> planning[0] = new PlanningTransport(real, clock));
            IsoBuilder notBuilding = new PlanningIsoBuilder(builder, new IsoCache(options.outDir().resolve("iso")),
                    config.image().name());
            EventSink warnings = e -> {
                if (e instanceof LogEvent log && log.level() == LogEvent.Level.WARN) {
                    events.emit(e);
                }
            };
            return recipe.run(planned, notBuilding, warnings, new DeployOptions(options.prebuiltIso(), false,
                    options.updateNixpkgs(), scratch.resolve("out"), scratch.resolve("state"), options.nixpveVersion(),
                    options.freshness()));
        } finally {
            FileTrees.deleteRecursively(scratch);
        }
    }
}
