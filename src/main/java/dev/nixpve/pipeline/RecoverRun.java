package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.Journal;

import dev.nixpve.event.EventSink;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunJournal;
import dev.nixpve.journal.RunLock;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.pipeline.steps.ForeignRuns;
import dev.nixpve.pipeline.steps.Recover;
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
 * (with its own journal and lock), so an operator or a timer can clean up without building.
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

    public Recover.Report run(NixpveConfig config, Path stateDir, boolean keepFailed) throws Exception {
        String imageName = config.image().name();
        // Before the journal: a run refused for its nodes must leave no run for the next recovery.
        NodeTarget target = config.target().single();
        StateDirectory state = new StateDirectory(stateDir);
        RunId run = RunId.random();
        try (RunJournal disk = RunJournal.start(state, run, clock, "recover of image " + imageName)) {
            Journal journal = new Journal(clock, events, disk);
            TaskWaiter waiter = new TaskWaiter(client, clock, sleeper);
            ForeignRuns foreign = new ForeignRuns(client, state, RunLock.Holder.thisHost(), ForeignRuns.lease(config));
            Recover.Scope scope = new Recover.Scope(imageName, List.of(target.vmids()), run, keepFailed,
                    false);
            Recover.Report report = new StepRunner(clock, events).run(new Recover(foreign, new Vms(client, waiter),
                    waiter, journal, state, scope));
            disk.end(report.findings().isEmpty() ? "nothing to recover" : "recovered");
            return report;
        }
    }
}
