package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.Journal;
import dev.nixpve.pipeline.steps.InstallerImage;
import dev.nixpve.pipeline.steps.ImageRenderer;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.emit.PublishedTemplate;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.RunFinishedEvent;
import dev.nixpve.event.RunOutcome;
import dev.nixpve.event.RunStartedEvent;
import dev.nixpve.event.TemplateFacts;
import dev.nixpve.event.StepId;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunJournal;
import dev.nixpve.journal.RunLock;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.pipeline.steps.DeadJournals;
import dev.nixpve.pipeline.steps.ForeignRuns;
import dev.nixpve.pipeline.steps.Preflight;
import dev.nixpve.pipeline.steps.Publish;
import dev.nixpve.pipeline.steps.Recover;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.wait.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The main recipe, top to bottom (see {@link Build#run}): preflight, recovery and the image are
 * the run's; what happens on the node is {@link NodeBuild}'s. The {@link StepRunner} announces and
 * times each step; the {@link Journal}, written to the run's file in the state directory before
 * each create, records what was made so that a failure removes it (or, with --keep-failed, marks
 * it) and says so, and a run that is killed leaves what the next run's recovery needs.
 */
public final class BuildAndDeploy {

    private final ProxmoxClient client;
    private final ImageRenderer renderer;
    private final IsoBuilder builder;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EventSink events;

    public BuildAndDeploy(ProxmoxClient client, ImageRenderer renderer, IsoBuilder builder,
                          Clock clock, Sleeper sleeper, EventSink events) {
        this.client = client;
        this.renderer = renderer;
        this.builder = builder;
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
    }

    /**
     * Runs the recipe, holding the image's lock on its node for the run's life.
     *
     * @throws RunLockedException when another live run holds it: nothing was done
     */
    public DeployResult run(NixpveConfig config, NodeTarget target, DeployOptions options) throws PipelineException,
            RunLockedException {
        StateDirectory state = new StateDirectory(options.stateDir());
        RunId run = RunId.random();
        Instant began = clock.instant();
        String image = config.image().name();
        String node = target.node();
        RunStart started;
        try {
            started = RunStart.open(state, run, image, node, clock,
                    "build-and-deploy-template of image " + image + " on node " + node);
        } catch (IOException e) {
            throw new PipelineException("start", e, List.of());
        } catch (RunLockedException e) {
            finished(run, config, node, RunOutcome.LOCKED, began, Optional.empty());
            throw e;
        }
        events.emit(new RunStartedEvent(run.value(), image, node));
        try (started) {
            return runJournaled(config, target, options, state, started, began);
        } catch (IOException e) {
            throw new PipelineException("start", e, List.of());
        } catch (PipelineException e) {
            if (e.interrupted()) {
                // Only now: an interrupted thread's journal channel would close on the next write.
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    private DeployResult runJournaled(NixpveConfig config, NodeTarget target, DeployOptions options,
                                      StateDirectory state, RunStart started, Instant began)
            throws PipelineException, RunLockedException {
        RunJournal disk = started.journal();
        try {
            DeployResult result = new Build(config, target, options, state, new Journal(clock, events, disk),
                    started.holder()).run();
            RunOutcome outcome = result.reused() ? RunOutcome.UNCHANGED : RunOutcome.SUCCEEDED;
            disk.end(outcome.label());
            finished(disk.run(), config, target.node(), outcome, began, Optional.of(result.template()));
            return result;
        } catch (PipelineException e) {
            // What cleanup could not remove stays open in the journal, for the next run's recovery.
            if (e.cleanup().stream().noneMatch(c -> c.action() == JournalEvent.Action.LEFT_BEHIND)) {
                disk.end(RunOutcome.FAILED.label());
            }
            finished(disk.run(), config, target.node(), RunOutcome.FAILED, began, Optional.empty());
            throw e;
        } catch (RunLockedException e) {
            disk.end(RunOutcome.LOCKED.label());
            finished(disk.run(), config, target.node(), RunOutcome.LOCKED, began, Optional.empty());
            throw e;
        }
    }

    private void finished(RunId run, NixpveConfig config, String node, RunOutcome outcome, Instant began,
                          Optional<TemplateFacts> template) {
        events.emit(new RunFinishedEvent(run.value(), config.image().name(), node, outcome,
                Duration.between(began, clock.instant()), template));
    }

    /** One run: what every step shares, so no method passes it along. */
    private final class Build {
        private final NixpveConfig config;
        private final NodeTarget target;
        private final DeployOptions options;
        private final StateDirectory state;
        private final Journal journal;
        private final StepRunner steps = new StepRunner(clock, events);
        private final TaskWaiter waiter = new TaskWaiter(client, clock, sleeper);
        private final Vms vms = new Vms(client, waiter);
        private final String node;
        private final RunReport report;
        private final RunLock.Holder holder;
        private final ForeignRuns foreignRuns;
        private InstallerImage image;

        Build(NixpveConfig config, NodeTarget target, DeployOptions options, StateDirectory state, Journal journal,
              RunLock.Holder holder) {
            this.config = config;
            this.target = target;
            this.options = options;
            this.state = state;
            this.journal = journal;
            this.holder = holder;
            this.foreignRuns = new ForeignRuns(client, state, holder.host(), ForeignRuns.lease(config));
            this.node = target.node();
            this.report = new RunReport(options.outDir(), clock.instant(), events);
        }

        DeployResult run() throws PipelineException, RunLockedException {
            try {
                Preflight.Result checked = steps.run(new Preflight(client, target, config.vm(),
                        config.verify().vmidsPerRun()));
                Optional<ForeignRuns.Seen> foreign = foreignRuns.making(config.image().name(), node, journal.run(),
                        clock.instant());
                if (foreign.isPresent()) {
                    throw RunLockedException.seenOnTheCluster(config.image().name(), node, foreign.get());
                }
                Recover.Report found = recover();
                image = new ImageSource(renderer, builder, events, steps).obtain(config, options);
                NodeBuild.Shared shared = new NodeBuild.Shared(client, clock, sleeper, config, options, image, holder,
                        report, new DeadJournals(found.resumable()));
                NodeBuild.Outcome outcome = new NodeBuild(shared, TemplatePlacement.local(target), checked, steps,
                        journal, events).run(found.resumable());
                steps.run(new Publish(options.outDir(), List.of(outcome.published()), outcome.removedTemplates()));
                report.write(image, steps, journal, (outcome.reused() ? RunOutcome.UNCHANGED : RunOutcome.SUCCEEDED)
                        .label(), null);
                return new DeployResult(facts(outcome.published()), image, outcome.reused(), outcome.smokeTestIpv4(),
                        steps.records(), journal.entries());
            } catch (RunLockedException e) {
                throw e;
            } catch (Exception e) {
                throw failed(e);
            }
        }

        private Recover.Report recover() throws Exception {
            Recover.Report found = steps.run(new Recover(foreignRuns, vms, waiter, journal, state,
                    new Recover.Scope(config.image().name(), List.of(target.vmids()), journal.run(),
                            options.keepFailed(), true)));
            found.findings().forEach(f -> events.emit(LogEvent.info("recovered: " + f.line())));
            return found;
        }

        private PipelineException failed(Exception e) {
            // A signal interrupts the run; the cleanup below must still wait on PVE's tasks and write
            // the journal, so the interrupt is cleared here and restored once the journal is closed.
            boolean interrupted = Thread.interrupted() || e instanceof InterruptedException;
            String step = steps.current().map(StepId::id).orElse("start");
            List<Journal.Entry> cleanup = journal.rollback(options.keepFailed());
            report.write(image, steps, journal, RunOutcome.FAILED.label(), e.getMessage());
            return new PipelineException(step, e, cleanup, interrupted);
        }

        private TemplateFacts facts(PublishedTemplate published) {
            return new TemplateFacts(published.node(), published.vmId(), published.name(), published.buildId(),
                    published.nixpkgsRevision(), published.created());
        }
    }
}
