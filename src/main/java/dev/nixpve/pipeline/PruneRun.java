package dev.nixpve.pipeline;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.emit.TemplateManifest;
import dev.nixpve.event.EventSink;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.pipeline.steps.Journal;
import dev.nixpve.pipeline.steps.Retention;
import dev.nixpve.pipeline.steps.Retries;
import dev.nixpve.pipeline.steps.TemplateCatalog;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.ProxmoxException;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.PveTimeoutException;
import java.io.IOException;
import dev.nixpve.wait.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code nixpve templates prune} recipe: the retention a build ends with, as a run of its own
 * per node under the image's lock there (a build's own retention must not race it), saying what it
 * removed (or, with {@code dryRun}, would remove) and why each template it kept was kept. Each node
 * stands alone: one held by a build, or one that does not answer, is reported and the next is pruned.
 */
public final class PruneRun {

    /** How one node's prune ended. */
    public sealed interface NodeResult permits Pruned, Locked, Failed {
        String node();
    }

    /** What went (or would go) on the node, and every kept template there with its reason. */
    public record Pruned(String node, List<String> removed, List<String> kept) implements NodeResult {
        public Pruned {
            removed = List.copyOf(removed);
            kept = List.copyOf(kept);
        }
    }

    /** A live run builds the image on the node: nothing was done there. */
    public record Locked(String node, RunLockedException lock) implements NodeResult {
    }

    /**
     * PVE failed on the node (a 595: it does not answer; a task that failed): what was removed
     * before is in the journal; the rest is left for the next prune.
     */
    public record Failed(String node, ProxmoxException failure) implements NodeResult {
    }

    /** Each node's result, in the order the nodes were given. */
    public record Result(List<NodeResult> nodes) {
        public Result {
            nodes = List.copyOf(nodes);
        }
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

    /** Prunes each node of {@code targets} in turn, each under its own lock of the image. */
    public Result run(NixpveConfig config, List<NodeTarget> targets, Path outDir, Path stateDir, boolean dryRun)
            throws IOException {
        Set<Integer> published = TemplateManifest.publishedVmids(outDir, config.image().name());
        StateDirectory state = new StateDirectory(stateDir);
        List<NodeResult> results = new ArrayList<>();
        for (NodeTarget target : targets) {
            results.add(prune(config, target, published, state, dryRun));
        }
        return new Result(results);
    }

    private NodeResult prune(NixpveConfig config, NodeTarget target, Set<Integer> published, StateDirectory state,
                             boolean dryRun) throws IOException {
        String image = config.image().name();
        String node = target.node();
        try (RunStart started = RunStart.open(state, RunId.random(), image, node, clock,
                "templates prune" + (dryRun ? " --dry-run" : "") + " of image " + image + " on node " + node)) {
            try {
                Pruned pruned = retention(config, target, published, started, dryRun);
                started.journal().end(dryRun ? "dry run: nothing removed" : pruned.removed().isEmpty()
                        ? "nothing to remove" : "pruned");
                return pruned;
            } catch (PveApiException | PveTaskFailedException | PveTimeoutException e) {
                started.journal().end("failed on node " + node + ": " + e.getMessage());
                return new Failed(node, e);
            }
        } catch (RunLockedException e) {
            return new Locked(node, e);
        }
    }

    private Pruned retention(NixpveConfig config, NodeTarget target, Set<Integer> published, RunStart started,
                             boolean dryRun) {
        String image = config.image().name();
        String node = target.node();
        TaskWaiter waiter = new TaskWaiter(client, clock, sleeper);
        Vms vms = new Vms(client, waiter, Retries.standard(sleeper, events));
        Retention.Result retention = new Retention(client, vms, waiter,
                new Journal(clock, events, started.journal()), new Retention.Scope(image, config.retention(), node,
                target.isoStorage(), published, dryRun)).run();
        // The ISOs retention kept (attached to a VM); every template is listed below with its reason.
        List<String> kept = new ArrayList<>(retention.spared().stream()
                .filter(s -> !s.startsWith("template ")).toList());
        for (TemplateCatalog.Entry entry : new TemplateCatalog(client).list(image, Optional.of(List.of(node)),
                published)) {
            if (retention.removedTemplates().contains(entry.vmid())) {
                continue;
            }
            kept.add("template " + entry.vmid() + " (" + entry.name() + "): " + reason(entry, retention,
                    config.retention().templates()));
        }
        return new Pruned(node, retention.removed(), kept);
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
