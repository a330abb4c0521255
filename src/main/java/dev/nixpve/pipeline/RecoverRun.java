package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.Journal;

import dev.nixpve.event.EventSink;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunJournal;
import dev.nixpve.journal.RunLock;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.pipeline.steps.ForeignRuns;
import dev.nixpve.pipeline.steps.Recover;
import dev.nixpve.pipeline.steps.Retries;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.wait.Sleeper;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The {@code nixpve recover} recipe: only the recovery a build starts with, as a run of its own
 * (with its own journal, and the image's lock on each of its nodes), so an operator or a timer can
 * clean up without building.
 */
public final class RecoverRun {

    private final ProxmoxClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EventSink events;

    public RecoverRun(ProxmoxClient client, Clock clock, Sleeper sleeper, EventSink events) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
    }

    /**
     * Recovers once over the nodes of {@code targets}, holding the image's lock on each of them (a
     * build of the image there must not race the clean-up): what dead runs left is looked for on the
     * whole cluster by its tags, and a create or clone still in flight in any of the nodes' VMID ranges.
     *
     * @throws RunLockedException when a live run holds the image on one of the nodes: nothing was done
     */
    public Recover.Report run(NixpveConfig config, List<NodeTarget> targets, Path stateDir, boolean keepFailed)
            throws Exception {
        String imageName = config.image().name();
        List<String> nodes = targets.stream().map(NodeTarget::node).toList();
        StateDirectory state = new StateDirectory(stateDir);
        RunId run = RunId.random();
        try (RunStart started = RunStart.open(state, run, imageName, nodes, clock, "recover of image " + imageName
                + (nodes.size() == 1 ? " on node " : " on nodes ") + String.join(", ", nodes))) {
            RunJournal disk = started.journal();
            Journal journal = new Journal(clock, events, disk);
            TaskWaiter waiter = new TaskWaiter(client, clock, sleeper);
            ForeignRuns foreign = new ForeignRuns(client, state, RunLock.Holder.thisHost(), ForeignRuns.lease(config));
            Recover.Scope scope = new Recover.Scope(imageName, targets.stream().map(NodeTarget::vmids).distinct()
                    .toList(), run, keepFailed, false);
            Vms vms = new Vms(client, waiter, Retries.standard(sleeper, events));
            Recover.Report report = new StepRunner(clock, events).run(new Recover(foreign, vms,
                    waiter, journal, state, scope));
            disk.end(report.findings().isEmpty() ? "nothing to recover" : "recovered");
            return report;
        }
    }
}
