package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.ImageRenderer;

import dev.nixpve.config.NixpveConfig;
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
 * list of write calls a real run with the same inputs would make, in its order.
 */
public final class DryRun {

    /** What the run would do: its write calls, and the outcome the planned run reached. */
    public record Plan(List<PlanningTransport.Call> writes, DeployResult result) {
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
        Path scratch = Files.createTempDirectory("nixpve-dry-run");
        try {
            Path lock = outDir.resolve("tree").resolve(TemplateRenderer.FLAKE_LOCK);
            if (Files.isRegularFile(lock) && !updateNixpkgs) {
                // the lock a real run would use, so the plan names the same build id
                Files.createDirectories(scratch.resolve("out/tree"));
                Files.copy(lock, scratch.resolve("out/tree").resolve(TemplateRenderer.FLAKE_LOCK));
            }
            PlanningTransport[] planning = new PlanningTransport[1];
            ProxmoxClient planned = client.through(real -> planning[0] = new PlanningTransport(real, clock));
            IsoBuilder notBuilding = new PlanningIsoBuilder(builder, new IsoCache(outDir.resolve("iso")),
                    config.image().name());
            EventSink warnings = e -> {
                if (e instanceof LogEvent log && log.level() == LogEvent.Level.WARN) {
                    events.emit(e);
                }
            };
            DeployResult result = new BuildAndDeploy(planned, renderer, notBuilding, clock, duration -> { },
                    warnings).run(config, config.target().single(), new DeployOptions(prebuiltIso, false, updateNixpkgs,
                    scratch.resolve("out"), scratch.resolve("state"), version, freshness));
            return new Plan(planning[0].writes(), result);
        } finally {
            FileTrees.deleteRecursively(scratch);
        }
    }
}
