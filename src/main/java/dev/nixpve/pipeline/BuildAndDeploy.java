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
import dev.nixpve.event.MeasuredEvent;
import dev.nixpve.event.RunFinishedEvent;
import dev.nixpve.event.RunOutcome;
import dev.nixpve.event.RunStartedEvent;
import dev.nixpve.event.TemplateFacts;
import dev.nixpve.event.StepId;
import dev.nixpve.journal.Resource;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunJournal;
import dev.nixpve.journal.RunLock;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.monitor.InstallMonitor;
import dev.nixpve.monitor.InstallOutcome;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.pipeline.steps.Adoption;
import dev.nixpve.pipeline.steps.FinalizeTemplate;
import dev.nixpve.pipeline.steps.ForeignRuns;
import dev.nixpve.pipeline.steps.Preflight;
import dev.nixpve.pipeline.steps.Publish;
import dev.nixpve.pipeline.steps.PublishedTemplates;
import dev.nixpve.pipeline.steps.Recover;
import dev.nixpve.pipeline.steps.Retention;
import dev.nixpve.pipeline.steps.SmokeTest;
import dev.nixpve.pipeline.steps.TemplateSpec;
import dev.nixpve.pipeline.steps.VmidAllocator;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.wait.Poller;
import dev.nixpve.wait.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The main recipe, top to bottom (see {@link Build#run}). The {@link StepRunner} announces and
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
                    started.imageLock().holder()).run();
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
                steps.run(new Preflight(client, target, config.vm(), config.verify().vmidsPerRun()));
                Optional<ForeignRuns.Seen> foreign = foreignRuns.making(config.image().name(), node, journal.run(),
                        clock.instant());
                if (foreign.isPresent()) {
                    throw RunLockedException.seenOnTheCluster(config.image().name(), node, foreign.get());
                }
                Recover.Report found = recover();
                image = new ImageSource(renderer, builder, events, steps).obtain(config, options);
                Optional<PublishedTemplates.Found> existing = new PublishedTemplates(client)
                        .current(node, config.image().name(), TemplateSpec.buildTag(image), drive());
                Optional<String> again = existing.flatMap(current -> options.freshness()
                        .rebuildReason(current.created(), clock.instant()));
                Optional<Adoption.Adopted> adopted = new Adoption(vms, journal, events).settle(found.resumable(),
                        new Adoption.Build(node, TemplateSpec.buildTag(image), drive(), holder),
                        existing.isEmpty() || again.isPresent());
                if (existing.isPresent() && again.isEmpty()) {
                    return reuse(existing.get());
                }
                again.ifPresent(why -> events.emit(LogEvent.info("template " + existing.get().vmid() + " is of "
                        + "build " + image.shortId() + " and verified, but is built again: " + why)));
                String created = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
                VmidAllocator vmids = new VmidAllocator(client, target.vmids(), target.key("vmids"));
                InstallPath path = new InstallPath(steps, journal, vms, waiter, new InstallMonitor(client, clock, sleeper,
                        events), events);
                InstallPath.Installed installed = adopted.isPresent() ? path.resume(adopted.get())
                        : path.install(config, target, image, vmids, created, holder);
                int vmid = installed.vmid();
                String templateName = adopted.filter(a -> a.stage() == Recover.Stage.FINALIZED).isPresent()
                        ? skipFinalize(adopted.get()) : steps.run(new FinalizeTemplate(client, vms, node, vmid,
                        TemplateSpec.finish(config, target, image, Instant.parse(created), journal.run(), TemplateSpec
                                .provenance(config, image, created, options.nixpveVersion(), holder)), TemplateSpec.buildTag(image)));
                Optional<String> ip = smokeTest(vmids, vmid, templateName, installed.outcome());
                vms.addTags(node, vmid, TemplateSpec.VERIFIED_TAG); // the mark, last: now it may be current
                journal.commit(new Resource.Vm(node, vmid));
                PublishedTemplate published = published(vmid, templateName, image.nixpkgsRevision().orElse("unknown"),
                        clock.instant().truncatedTo(ChronoUnit.SECONDS));
                Retention.Result retention = steps.run(new Retention(client, vms, waiter, journal,
                        new Retention.Scope(config.image().name(), config.retention(), node,
                                target.isoStorage())));
                steps.run(new Publish(options.outDir(), published, retention.removedTemplates()));
                report.write(image, steps, journal, RunOutcome.SUCCEEDED.label(), null);
                return new DeployResult(facts(published), image, false, ip, steps.records(), journal.entries());
            } catch (RunLockedException e) {
                throw e;
            } catch (Exception e) {
                throw failed(e);
            }
        }

        private Recover.Report recover() throws Exception {
            Recover.Report found = steps.run(new Recover(foreignRuns, vms, waiter, journal, state,
                    new Recover.Scope(config.image().name(), target.vmids(), journal.run(),
                            options.keepFailed(), true)));
            found.findings().forEach(f -> events.emit(LogEvent.info("recovered: " + f.line())));
            return found;
        }

        private String skipFinalize(Adoption.Adopted adopted) {
            steps.skip(StepId.FINALIZE, "VM " + adopted.vmid() + " is a template already, and its checks pass");
            return adopted.name();
        }

        private Optional<String> smokeTest(VmidAllocator vmids, int template, String templateName,
                                           InstallOutcome outcome) throws Exception {
            if (!config.verify().smokeTest()) {
                steps.skip(StepId.SMOKE_TEST, "verify.smokeTest is false");
                return Optional.empty();
            }
            try {
                SmokeTest.Result booted = steps.run(new SmokeTest(vms, new Poller(clock, sleeper), journal, vmids,
                        new SmokeTest.Plan(node, template, templateName, target.diskStorage(),
                                target.bridge(), config.verify().timeout()),
                        SmokeTest.cloneTags(config.image().name(), journal.run())));
                events.emit(new MeasuredEvent(MeasuredEvent.Measure.SMOKE_TEST_BOOT_SECONDS,
                        booted.bootTime().toMillis() / 1000.0));
                return Optional.of(booted.ipv4());
            } catch (Exception e) {
                // The template itself is sound as far as PVE can tell: keep it for inspection, tagged
                // failed, so it is never published and the previous template stays current.
                journal.commit(new Resource.Vm(node, template));
                vms.addTags(node, template, TemplateSpec.FAILED_TAG);
                report.failedTemplate(published(template, templateName, image.nixpkgsRevision().orElse("unknown"),
                        clock.instant().truncatedTo(ChronoUnit.SECONDS)));
                events.emit(LogEvent.warn("template " + template + " is kept but tagged failed and not published"
                        + (outcome.confirmed() ? "" : "; the install was never confirmed by the guest agent")));
                throw e;
            }
        }

        private DeployResult reuse(PublishedTemplates.Found found) throws Exception {
            String reason = "template " + found.vmid() + " (" + found.name() + ") on " + found.node() + " is "
                    + "already built from build " + image.shortId() + " and verified";
            for (StepId step : List.of(StepId.UPLOAD, StepId.CREATE_VM, StepId.START, StepId.INSTALL,
                    StepId.FINALIZE, StepId.SMOKE_TEST, StepId.RETENTION)) {
                steps.skip(step, reason);
            }
            events.emit(LogEvent.info("nothing to do: " + reason + "; nothing was created"));
            PublishedTemplate published = published(found.vmid(), found.name(), image.nixpkgsRevision()
                    .orElse(report.manifestRevision(found.vmid())), found.created());
            steps.run(new Publish(options.outDir(), published, List.of()));
            report.write(image, steps, journal, RunOutcome.UNCHANGED.label(), null);
            return new DeployResult(facts(published), image, true, Optional.empty(), steps.records(),
                    journal.entries());
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

        private PublishedTemplate published(int vmid, String name, String nixpkgsRevision, Instant created) {
            return new PublishedTemplate(node, vmid, name, config.image().name(), target.diskStorage(),
                    drive(), image.buildId(), nixpkgsRevision, created, (int) (config.vm().diskSize().bytes() >> 30));
        }

        private TemplateFacts facts(PublishedTemplate published) {
            return new TemplateFacts(published.node(), published.vmId(), published.name(), published.buildId(),
                    published.nixpkgsRevision(), published.created());
        }

        private String drive() {
            return config.vm().diskBus().pveDrive();
        }
    }
}
