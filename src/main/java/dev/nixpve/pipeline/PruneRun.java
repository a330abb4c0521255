package dev.nixpve.pipeline;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.emit.TemplateManifest;
import dev.nixpve.event.EventSink;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.pipeline.steps.Journal;
import dev.nixpve.pipeline.steps.Retention;
import dev.nixpve.pipeline.steps.TemplateCatalog;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.wait.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code nixpve templates prune} recipe: the retention a build ends with, as a run of its own
 * under the image's lock (a build's own retention must not race it), saying what it removed (or,
 * with {@code dryRun}, would remove) and why each template it kept was kept.
 */
public final class PruneRun {

    /** What went (or would go), and every kept template with its reason. */
    public record Result(List<String> removed, List<String> kept) {
    }

    private final ProxmoxClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EventSink events;

    public PruneRun(ProxmoxClient client, Clock clock, Sleeper sleeper, EventSink events) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
    }

    /** @throws RunLockedException when a run builds this image on this node: nothing was done */
    public Result run(NixpveConfig config, Path outDir, Path stateDir, boolean dryRun) throws Exception {
        String image = config.image().name();
        NodeTarget target = config.target().single();
        String node = target.node();
        try (RunStart started = RunStart.open(new StateDirectory(stateDir), RunId.random(), image, node, clock,
                "templates prune" + (dryRun ? " --dry-run" : "") + " of image " + image + " on node " + node)) {
            TaskWaiter waiter = new TaskWaiter(client, clock, sleeper);
            Set<Integer> published = TemplateManifest.publishedVmids(outDir, image);
            Retention.Result retention = new Retention(client, new Vms(client, waiter), waiter,
                    new Journal(clock, events, started.journal()), new Retention.Scope(image, config.retention(), node,
                    target.isoStorage(), published, dryRun)).run();
            // The ISOs retention kept (attached to a VM); every template is listed below with its reason.
            List<String> kept = new ArrayList<>(retention.spared().stream()
                    .filter(s -> !s.startsWith("template ")).toList());
            for (TemplateCatalog.Entry entry : new TemplateCatalog(client).list(image, Optional.of(List.of(node)), published)) {
                if (retention.removedTemplates().contains(entry.vmid())) {
                    continue;
                }
                kept.add("template " + entry.vmid() + " (" + entry.name() + "): " + reason(entry, retention,
                        config.retention().templates()));
            }
            started.journal().end(dryRun ? "dry run: nothing removed" : retention.removed().isEmpty()
                    ? "nothing to remove" : "pruned");
            return new Result(retention.removed(), kept);
        }
    }

    private static String reason(TemplateCatalog.Entry entry, Retention.Result retention, int keep) {
        String spared = retention.sparedTemplates().get(entry.vmid());
        if (spared != null) {
            return spared;
        }
        return switch (entry.standing()) {
            case CURRENT -> "current";
            case RETIRED -> "among the newest " + keep + " (retention.templates)";
            case UNVERIFIED -> "not verified yet: its run may still be testing it, or recovery will deal with it";
            case FAILED -> "failed";
        };
    }
}
