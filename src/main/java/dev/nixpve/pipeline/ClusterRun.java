package dev.nixpve.pipeline;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.config.Redaction;
import dev.nixpve.config.VmidRange;
import dev.nixpve.emit.PublishedTemplate;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.RunFinishedEvent;
import dev.nixpve.event.RunOutcome;
import dev.nixpve.event.RunStartedEvent;
import dev.nixpve.event.StepId;
import dev.nixpve.event.TemplateFacts;
import dev.nixpve.journal.RunId;
import dev.nixpve.journal.RunJournal;
import dev.nixpve.journal.StateDirectory;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.pipeline.steps.Adoption;
import dev.nixpve.pipeline.steps.DeadJournals;
import dev.nixpve.pipeline.steps.ForeignRuns;
import dev.nixpve.pipeline.steps.ImageRenderer;
import dev.nixpve.pipeline.steps.InstallerImage;
import dev.nixpve.pipeline.steps.Journal;
import dev.nixpve.pipeline.steps.LeftOnProxmox;
import dev.nixpve.pipeline.steps.Leftovers;
import dev.nixpve.pipeline.steps.Preflight;
import dev.nixpve.pipeline.steps.Publish;
import dev.nixpve.pipeline.steps.Recover;
import dev.nixpve.pipeline.steps.Retries;
import dev.nixpve.pipeline.steps.StepFailure;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.wait.Poller;
import dev.nixpve.wait.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A run that builds one image for several nodes of a cluster (issue 15): the nodes' image locks,
 * each node's preflight, one recovery and one ISO for all, then a {@link NodeBuild} for each
 * template the nodes need ({@link TemplatePlacement}: one per node-local disk storage, one per
 * shared one) at once (at most {@code target.parallelism}), each with its own steps and journal, so
 * one that fails removes what it made and the others still publish. One publish for every node served.
 */
public final class ClusterRun {

    /** How one node's part ended. */
    public sealed interface NodeResult permits Built, Failed {
        String node();
    }

    /** The node's template is current: built now, or found already ({@code result.reused()}). */
    public record Built(String node, DeployResult result) implements NodeResult {
    }

    /**
     * The node's template failed; its cleanup is in the exception. {@code templateHome}: the node
     * that template was built on, when it is another one (a template on shared storage).
     */
    public record Failed(String node, PipelineException failure, Optional<String> templateHome)
            implements NodeResult {

        public Failed(String node, PipelineException failure) {
            this(node, failure, Optional.empty());
        }
    }

    /**
     * The run: its image, each node's result in the order the nodes were given, and why publishing
     * the built ones failed, if it did (their templates exist and are verified; the outputs do not name them).
     */
    public record Result(InstallerImage image, List<NodeResult> nodes, Optional<Exception> publishError) {

        public Result {
            nodes = List.copyOf(nodes);
        }

        public Optional<String> publishFailure() {
            return publishError.map(e -> "publish failed: " + e.getMessage());
        }

        public boolean anyFailed() {
            return publishError.isPresent() || nodes.stream().anyMatch(n -> n instanceof Failed);
        }
    }

    private final ProxmoxClient client;
    private final ImageRenderer renderer;
    private final IsoBuilder builder;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EventSink events;

    public ClusterRun(ProxmoxClient client, ImageRenderer renderer, IsoBuilder builder, Clock clock, Sleeper sleeper,
                      EventSink events) {
        this.client = client;
        this.renderer = renderer;
        this.builder = builder;
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
    }

    /**
     * Builds on every node of {@code targets}, holding the image's lock on each for the run's life.
     *
     * @throws PipelineException when the run fails before any node's build (preflight, recovery, the image)
     * @throws RunLockedException when another live run holds one of the nodes: nothing was done
     */
    public Result run(NixpveConfig config, List<NodeTarget> targets, DeployOptions options)
            throws PipelineException, RunLockedException {
        return run(config, targets, options, false);
    }

    /**
     * The run on one node, as {@link BuildAndDeploy} gives it: its events name no node, its steps
     * are one list, and a failure on the node is the run's.
     *
     * @throws PipelineException when the run failed; what its cleanup did is in it
     * @throws RunLockedException when another live run holds the node: nothing was done
     */
    DeployResult runAlone(NixpveConfig config, NodeTarget target, DeployOptions options)
            throws PipelineException, RunLockedException {
        Result result = run(config, List.of(target), options, true);
        if (result.nodes().get(0) instanceof Failed failed) {
            throw failed.failure();
        }
        if (result.publishError().isPresent()) {
            throw new PipelineException(StepId.PUBLISH.id(), result.publishError().get(), List.of());
        }
        return ((Built) result.nodes().get(0)).result();
    }

    private Result run(NixpveConfig config, List<NodeTarget> targets, DeployOptions options, boolean alone)
            throws PipelineException, RunLockedException {
        StateDirectory state = new StateDirectory(options.stateDir());
        RunId run = RunId.random();
        Instant began = clock.instant();
        String image = config.image().name();
        List<String> nodes = targets.stream().map(NodeTarget::node).toList();
        RunStart started;
        try {
            started = RunStart.open(state, run, image, nodes, clock, "build-and-deploy-template of image " + image
                    + (nodes.size() == 1 ? " on node " : " on nodes ") + String.join(", ", nodes));
        } catch (IOException e) {
            throw new PipelineException("start", e, List.of());
        } catch (RunLockedException e) {
            nodes.forEach(node -> finished(run, image, node, RunOutcome.LOCKED, began, Optional.empty()));
            throw e;
        }
        nodes.forEach(node -> events.emit(new RunStartedEvent(run.value(), image, node)));
        Cluster cluster = new Cluster(config, targets, options, state, started, alone);
        try (started) {
            Result result = cluster.run();
            if (cluster.stopped) {
                // Only now: an interrupted thread's journal channel would close on the next write.
                Thread.currentThread().interrupt();
            }
            return result;
        } catch (IOException e) {
            throw new PipelineException("start", e, List.of());
        } catch (PipelineException e) {
            if (e.interrupted()) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    /**
     * An Error in a node's build (the JVM failing) ends the run as a crash would, cleanup left to
     * the next run's recovery, as on one node: the pool's future would otherwise swallow it.
     */
    private static void rethrowError(Future<?> build) {
        if (!build.isDone() || build.isCancelled()) {
            return;
        }
        try {
            build.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finished(RunId run, String image, String node, RunOutcome outcome, Instant began,
                          Optional<TemplateFacts> template) {
        events.emit(new RunFinishedEvent(run.value(), image, node, outcome, Duration.between(began, clock.instant()),
                template));
    }

    /**
     * One run over the nodes: what the run's part and every node's part share. A run on one node
     * {@code alone} is one part: one list of steps, one journal, events that name no node.
     */
    private final class Cluster {
        private final boolean alone;
        private final NixpveConfig config;
        private final List<NodeTarget> targets;
        private final DeployOptions options;
        private final StateDirectory state;
        private final RunStart started;
        private final Instant began;
        private final RunJournal disk;
        private final Journal journal;
        private final StepRunner steps = new StepRunner(clock, events);
        private final Map<String, StepRunner> nodeSteps = new LinkedHashMap<>();
        private final Map<String, Journal> nodeJournals = new LinkedHashMap<>();
        private final Map<String, NodeBuild.Outcome> outcomes = new ConcurrentHashMap<>();
        /** What each node's preflight found there, which its build goes on from. */
        private final Map<String, Preflight.Result> checked = new LinkedHashMap<>();
        private final RunReport report;
        private InstallerImage image;
        private List<TemplatePlacement> placements;
        /** Whether a signal stopped the nodes' builds; the thread is interrupted again once the journal is closed. */
        private boolean stopped;

        Cluster(NixpveConfig config, List<NodeTarget> targets, DeployOptions options, StateDirectory state,
                RunStart started, boolean alone) {
            this.alone = alone;
            this.config = config;
            this.targets = targets;
            this.options = options;
            this.state = state;
            this.started = started;
            this.began = started.holder().started(); // the run's start, as its lock records it
            this.disk = started.journal();
            this.journal = new Journal(clock, events, disk);
            this.report = new RunReport(options.outDir(), clock.instant(), events,
                    Redaction.of(Map.of(), config.proxmox()));
            for (NodeTarget target : targets) {
                EventSink nodeEvents = events.forNode(target.node());
                nodeSteps.put(target.node(), alone ? steps : new StepRunner(clock, nodeEvents));
                nodeJournals.put(target.node(), alone ? journal : new Journal(clock, nodeEvents, disk));
            }
        }

        private EventSink eventsOf(String node) {
            return alone ? events : events.forNode(node);
        }

        Result run() throws PipelineException, RunLockedException {
            Recover.Report found;
            try {
                found = prepare();
            } catch (RunLockedException e) {
                disk.end(RunOutcome.LOCKED.label());
                targets.forEach(t -> finished(disk.run(), config.image().name(), t.node(), RunOutcome.LOCKED, began,
                        Optional.empty()));
                throw e;
            } catch (Exception e) {
                PipelineException failure = failed(e);
                targets.forEach(t -> finished(disk.run(), config.image().name(), t.node(), RunOutcome.FAILED, began,
                        Optional.empty()));
                throw failure;
            }
            List<NodeResult> results = buildNodes(found.resumable());
            Optional<Exception> publishError = publish(results);
            Result run = new Result(image, results, publishError);
            boolean allReused = results.stream().allMatch(r -> r instanceof Built b && b.result().reused());
            RunOutcome outcome = run.anyFailed() ? RunOutcome.FAILED
                    : allReused ? RunOutcome.UNCHANGED : RunOutcome.SUCCEEDED;
            report.write(image, parts(), outcome.label(), run.publishFailure().orElseGet(() -> failures(results)),
                    leftOn(results));
            boolean leftBehind = results.stream().anyMatch(r -> r instanceof Failed f && f.failure().cleanup()
                    .stream().anyMatch(c -> c.action() == JournalEvent.Action.LEFT_BEHIND));
            if (!leftBehind) {
                // What a node's cleanup could not remove stays open in the journal, for recovery.
                disk.end(outcome.label());
            }
            for (NodeResult result : results) {
                if (result instanceof Built built) {
                    // Unpublished, a template built is no use to Terraform yet: the node's run failed.
                    RunOutcome ended = publishError.isPresent() ? RunOutcome.FAILED : built.result().reused()
                            ? RunOutcome.UNCHANGED : RunOutcome.SUCCEEDED;
                    finished(disk.run(), config.image().name(), built.node(), ended, began,
                            Optional.of(built.result().template()));
                } else {
                    finished(disk.run(), config.image().name(), result.node(), RunOutcome.FAILED, began,
                            Optional.empty());
                }
            }
            return run;
        }

        /**
         * Every node's preflight (all problems of all nodes at once: a named node that is not ready
         * stops the run before anything is made), the lock's cluster half, recovery, the image.
         */
        private Recover.Report prepare() throws Exception {
            ForeignRuns foreignRuns = new ForeignRuns(client, state, started.holder().host(),
                    ForeignRuns.lease(config));
            List<String> problems = new ArrayList<>();
            Exception first = null;
            for (NodeTarget target : targets) {
                try {
                    checked.put(target.node(), nodeSteps.get(target.node()).run(new Preflight(client, target,
                            config.vm(), config.verify().vmidsPerRun())));
                } catch (Exception e) {
                    first = first == null ? e : first;
                    problems.add(target.node() + ": " + e.getMessage());
                }
            }
            if (problems.size() == 1) {
                throw first;
            }
            if (!problems.isEmpty()) {
                // All nodes' problems at once, as for one node: the user fixes them in one go.
                throw new StepFailure(StepFailure.Reason.PVE_NOT_READY, String.join("; ", problems));
            }
            for (NodeTarget target : targets) {
                Optional<ForeignRuns.Seen> foreign = foreignRuns.making(config.image().name(), target.node(),
                        journal.run(), clock.instant());
                if (foreign.isPresent()) {
                    throw RunLockedException.seenOnTheCluster(config.image().name(), target.node(), foreign.get());
                }
            }
            TaskWaiter waiter = new TaskWaiter(client, clock, sleeper);
            Vms vms = new Vms(client, waiter, Retries.standard(sleeper, events));
            List<VmidRange> ranges = targets.stream().map(NodeTarget::vmids).distinct().toList();
            Recover.Report found = steps.run(new Recover(foreignRuns, vms, waiter, journal, state,
                    new Recover.Scope(config.image().name(), ranges, journal.run(), options.keepFailed(), true)));
            found.findings().forEach(f -> events.emit(LogEvent.info("recovered: " + f.line())));
            image = new ImageSource(renderer, builder, events, steps).obtain(config, options);
            placements = TemplatePlacement.of(targets, checked);
            placements.stream().filter(p -> p.sharedStorage().isPresent()).forEach(p -> events.emit(LogEvent.info(
                    "one template on shared storage '" + p.sharedStorage().get() + "', built on " + p.home().node()
                            + ", serves " + String.join(", ", p.nodes()))));
            return found;
        }

        /** Each template's build, at most target.parallelism at once; waits for all, also when stopped. */
        private List<NodeResult> buildNodes(List<Recover.Resumable> resumables) {
            Map<String, NodeResult> results = new ConcurrentHashMap<>();
            DeadJournals deadJournals = new DeadJournals(resumables);
            NodeBuild.Shared shared = new NodeBuild.Shared(client, clock, sleeper, config, options, image,
                    started.holder(), report, deadJournals);
            settleElsewhere(resumables, deadJournals);
            if (placements.size() == 1) {
                // One template: built on this thread, which a signal interrupts directly.
                TemplatePlacement only = placements.get(0);
                NodeResult result = build(shared, only, resumablesOn(only, resumables));
                stopped = result instanceof Failed failed && failed.failure().interrupted();
                served(only, result).forEach(results::put);
            } else {
                buildAtOnce(shared, resumables, results);
            }
            return targets.stream().map(t -> results.getOrDefault(t.node(), new Failed(t.node(),
                    new PipelineException("start", new InterruptedException("stopped before it began"), List.of(),
                            true, LeftOnProxmox.nothingMade())))).toList();
        }

        /** The placements' builds on a pool of at most target.parallelism threads. */
        private void buildAtOnce(NodeBuild.Shared shared, List<Recover.Resumable> resumables,
                                 Map<String, NodeResult> results) {
            ExecutorService pool = Executors.newFixedThreadPool(config.target().parallelismFor(placements.size()));
            List<Future<?>> builds = new ArrayList<>();
            for (TemplatePlacement placement : placements) {
                List<Recover.Resumable> mine = resumablesOn(placement, resumables);
                builds.add(pool.submit(() -> served(placement, build(shared, placement, mine)).forEach(results::put)));
            }
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // the builds run on; each ends by its own timeouts
                }
            } catch (InterruptedException stop) {
                // SIGTERM/SIGINT: stop every node's build and wait until each has removed what it
                // made; the signal handler owns the deadline and exits regardless once it passes.
                pool.shutdownNow();
                awaitCleanup(pool);
                stopped = true;
            }
            builds.forEach(ClusterRun::rethrowError);
        }

        private static List<Recover.Resumable> resumablesOn(TemplatePlacement placement,
                                                            List<Recover.Resumable> resumables) {
            return resumables.stream().filter(r -> r.vm().node().equals(placement.home().node())).toList();
        }

        /**
         * What dead runs left worth finishing on nodes no template of this run is built on: this
         * run finishes nothing there, so it is removed in the run's own part (a node that does not
         * answer keeps its own).
         */
        private void settleElsewhere(List<Recover.Resumable> resumables, DeadJournals deadJournals) {
            TaskWaiter waiter = new TaskWaiter(client, clock, sleeper);
            Vms vms = new Vms(client, waiter, Retries.standard(sleeper, events));
            Adoption adoption = new Adoption(vms, journal, deadJournals, events);
            for (Recover.Resumable left : resumables) {
                if (placements.stream().anyMatch(p -> p.home().node().equals(left.vm().node()))) {
                    continue;
                }
                try {
                    adoption.settle(List.of(left), new Adoption.Build(targets.get(0).node(), left.buildTag(),
                            config.vm().diskBus().pveDrive(), started.holder()), true);
                } catch (Exception e) {
                    events.emit(LogEvent.warn("recovered: " + left.vm().describe() + " (run " + left.run()
                            + ") could not be removed (" + e.getMessage() + "); left for a later run"));
                }
            }
        }

        private void awaitCleanup(ExecutorService pool) {
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // each node's cleanup waits on PVE's tasks by their own timeouts
                }
            } catch (InterruptedException again) {
                // A second signal: stop waiting; the run is marked stopped and the signal handler's
                // deadline ends the process if the builds' cleanup outlasts it.
            }
        }

        /** A placement's result as each node it serves sees it. */
        private Map<String, NodeResult> served(TemplatePlacement placement, NodeResult home) {
            Map<String, NodeResult> each = new LinkedHashMap<>();
            for (String node : placement.nodes()) {
                each.put(node, node.equals(home.node()) ? home : home instanceof Built built
                        ? new Built(node, built.result())
                        : new Failed(node, ((Failed) home).failure(), Optional.of(home.node())));
            }
            return each;
        }

        private NodeResult build(NodeBuild.Shared shared, TemplatePlacement placement,
                                 List<Recover.Resumable> resumables) {
            String node = placement.home().node();
            StepRunner runner = nodeSteps.get(node);
            Journal nodeJournal = nodeJournals.get(node);
            Optional<StepId> before = runner.current(); // preflight's, which is not this build's
            try {
                NodeBuild.Outcome outcome = new NodeBuild(shared, placement, checked.get(node), runner, nodeJournal,
                        eventsOf(node)).run(resumables);
                outcomes.put(node, outcome);
                PublishedTemplate p = outcome.published();
                return new Built(node, new DeployResult(new TemplateFacts(p.node(), p.vmId(), p.name(), p.buildId(),
                        p.nixpkgsRevision(), p.created()), image, outcome.reused(), outcome.smokeTestIpv4(),
                        runner.records(), nodeJournal.entries()));
            } catch (Exception e) {
                // A stop interrupts the node's thread; its cleanup must still wait on PVE's tasks.
                boolean interrupted = Thread.interrupted() || e instanceof InterruptedException;
                String step = runner.current().filter(s -> !s.equals(before.orElse(null))).map(StepId::id)
                        .orElse("start");
                List<Journal.Entry> cleanup = nodeJournal.rollback(options.keepFailed());
                LeftOnProxmox left = leftovers().check(nodeJournal.run(), Set.copyOf(placement.nodes()),
                        nodeJournal.touched());
                return new Failed(node, new PipelineException(step, e, cleanup, interrupted, left));
            }
        }

        /** Publishes every node served by a template built; why publishing failed, if it did. */
        private Optional<Exception> publish(List<NodeResult> results) {
            List<PublishedTemplate> published = new ArrayList<>();
            List<Integer> removed = new ArrayList<>();
            for (NodeResult result : results) {
                NodeBuild.Outcome outcome = outcomes.get(result.node());
                if (result instanceof Built && outcome != null) {
                    published.addAll(outcome.served());
                    removed.addAll(outcome.removedTemplates());
                }
            }
            if (published.isEmpty()) {
                if (!alone) {
                    steps.skip(StepId.PUBLISH, "no node's template was built");
                }
                return Optional.empty();
            }
            try {
                steps.run(new Publish(options.outDir(), published, removed, alone ? Optional.empty()
                        : Optional.of(targets.stream().map(NodeTarget::node).collect(Collectors.toSet()))));
                return Optional.empty();
            } catch (Exception e) {
                return Optional.of(e);
            }
        }

        /** What the failed builds left, each template's once (the nodes a shared one serves share its failure). */
        private LeftOnProxmox leftOn(List<NodeResult> results) {
            return results.stream().filter(r -> r instanceof Failed f && f.templateHome().isEmpty())
                    .map(r -> ((Failed) r).failure().left()).reduce(LeftOnProxmox.notChecked(), LeftOnProxmox::and);
        }

        private List<RunReport.Part> parts() {
            List<RunReport.Part> parts = new ArrayList<>(List.of(new RunReport.Part(null, steps, journal)));
            if (alone) {
                return parts;
            }
            nodeSteps.forEach((node, runner) -> parts.add(new RunReport.Part(node, runner, nodeJournals.get(node))));
            return parts;
        }

        private String failures(List<NodeResult> results) {
            if (alone) {
                return results.get(0) instanceof Failed f ? f.failure().getCause().getMessage() : null;
            }
            List<String> failed = results.stream().filter(r -> r instanceof Failed f && f.templateHome().isEmpty())
                    .map(r -> r.node() + ": step '" + ((Failed) r).failure().step() + "' failed: "
                            + ((Failed) r).failure().getCause().getMessage()).toList();
            return failed.isEmpty() ? null : String.join("; ", failed);
        }

        private PipelineException failed(Exception e) {
            boolean interrupted = Thread.interrupted() || e instanceof InterruptedException;
            String step = steps.current().map(StepId::id)
                    .or(() -> nodeSteps.values().stream().flatMap(r -> r.current().stream()).map(StepId::id)
                            .findFirst())
                    .orElse("start");
            List<Journal.Entry> cleanup = journal.rollback(options.keepFailed());
            LeftOnProxmox left = leftovers().check(journal.run(), targets.stream().map(NodeTarget::node)
                    .collect(Collectors.toSet()), journal.touched());
            report.write(image, parts(), RunOutcome.FAILED.label(), e.getMessage(), left);
            if (cleanup.stream().noneMatch(c -> c.action() == JournalEvent.Action.LEFT_BEHIND)) {
                disk.end(RunOutcome.FAILED.label());
            }
            return new PipelineException(step, e, cleanup, interrupted, left);
        }

        private Leftovers leftovers() {
            return new Leftovers(client, new Poller(clock, sleeper));
        }
    }
}
