package dev.nixpve.pipeline;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.emit.PublishedTemplate;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.MeasuredEvent;
import dev.nixpve.event.StepId;
import dev.nixpve.journal.Resource;
import dev.nixpve.journal.RunLock;
import dev.nixpve.monitor.InstallMonitor;
import dev.nixpve.monitor.InstallOutcome;
import dev.nixpve.pipeline.steps.Adoption;
import dev.nixpve.pipeline.steps.DeadJournals;
import dev.nixpve.pipeline.steps.FinalizeTemplate;
import dev.nixpve.pipeline.steps.InstallerImage;
import dev.nixpve.pipeline.steps.Journal;
import dev.nixpve.pipeline.steps.Preflight;
import dev.nixpve.pipeline.steps.PublishedTemplates;
import dev.nixpve.pipeline.steps.Recover;
import dev.nixpve.pipeline.steps.Retention;
import dev.nixpve.pipeline.steps.Retries;
import dev.nixpve.pipeline.steps.SmokeTest;
import dev.nixpve.pipeline.steps.TemplateSpec;
import dev.nixpve.pipeline.steps.VmidAllocator;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.ProxmoxException;
import dev.nixpve.wait.Poller;
import dev.nixpve.wait.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One template's part of a run, once the image is known: find the template of this build current
 * for the nodes it serves (or build it again when {@link Freshness} says so), take over what a dead
 * run left of it or install anew on its home node, finalize, smoke-test (on another node it serves,
 * when it is on shared storage), mark it verified, and apply retention. It has its own steps and
 * journal, so that on a cluster each template's build stands and fails on its own; publishing and
 * the report are the run's.
 */
final class NodeBuild {

    /** What every node's build in one run shares. */
    record Shared(ProxmoxClient client, Clock clock, Sleeper sleeper, NixpveConfig config, DeployOptions options,
                  InstallerImage image, RunLock.Holder holder, RunReport report, DeadJournals deadJournals,
                  Set<Integer> vmidsReserved, Map<String, Object> uploadLocks) {

        /** A run's builds, before any has reserved a VMID or uploaded. */
        Shared(ProxmoxClient client, Clock clock, Sleeper sleeper, NixpveConfig config, DeployOptions options,
               InstallerImage image, RunLock.Holder holder, RunReport report, DeadJournals deadJournals) {
            this(client, clock, sleeper, config, options, image, holder, report, deadJournals,
                    ConcurrentHashMap.newKeySet(), new ConcurrentHashMap<>());
        }

        /** The lock the nodes' uploads to one storage take in turn. */
        Object uploadLock(String storage) {
            return uploadLocks.computeIfAbsent(storage, key -> new Object());
        }
    }

    /**
     * What the build ended with: the template current now ({@code published}, on the node holding
     * it; {@code served}: as each node it serves is given it), whether it was there already
     * ({@code reused}: nothing was created), what the smoke test saw, what retention removed.
     */
    record Outcome(PublishedTemplate published, List<PublishedTemplate> served, boolean reused,
                   Optional<String> smokeTestIpv4, List<Integer> removedTemplates) {
    }

    private final Shared run;
    private final NixpveConfig config;
    private final InstallerImage image;
    private final TemplatePlacement placement;
    private final NodeTarget target;
    private final String node;
    private final Preflight.Result checked;
    private final StepRunner steps;
    private final Journal journal;
    private final EventSink events;
    private final TaskWaiter waiter;
    private final Vms vms;

    /** {@code checked}: what the home node's preflight found there (its storages among it). */
    NodeBuild(Shared run, TemplatePlacement placement, Preflight.Result checked, StepRunner steps, Journal journal,
              EventSink events) {
        this.run = run;
        this.config = run.config();
        this.image = run.image();
        this.placement = placement;
        this.target = placement.home();
        this.node = target.node();
        this.checked = checked;
        this.steps = steps;
        this.journal = journal;
        this.events = events;
        this.waiter = new TaskWaiter(run.client(), run.clock(), run.sleeper());
        this.vms = new Vms(run.client(), waiter, Retries.standard(run.sleeper(), events));
    }

    /** Builds (or finds current) the template; {@code resumables} are what dead runs left on its home node. */
    Outcome run(List<Recover.Resumable> resumables) throws Exception {
        Optional<PublishedTemplates.Found> existing = new PublishedTemplates(run.client()).current(placement.nodes(),
                target.diskStorage(), config.image().name(), TemplateSpec.buildTag(image), drive());
        Optional<String> again = existing.flatMap(current -> run.options().freshness()
                .rebuildReason(current.created(), run.clock().instant()));
        Optional<Adoption.Adopted> adopted = new Adoption(vms, journal, run.deadJournals(), events).settle(resumables,
                new Adoption.Build(node, TemplateSpec.buildTag(image), drive(), run.holder()),
                existing.isEmpty() || again.isPresent());
        if (existing.isPresent() && again.isEmpty()) {
            return reuse(existing.get());
        }
        again.ifPresent(why -> events.emit(LogEvent.info("template " + existing.get().vmid() + " is of "
                + "build " + image.shortId() + " and verified, but is built again: " + why)));
        String created = run.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString();
        VmidAllocator vmids = new VmidAllocator(run.client(), target.vmids(), target.key("vmids"),
                run.vmidsReserved());
        InstallPath path = new InstallPath(steps, journal, vms, waiter, new InstallMonitor(run.client(), run.clock(),
                run.sleeper(), events), events);
        InstallPath.Installed installed = adopted.isPresent() ? path.resume(adopted.get())
                : path.install(run, target, checked.isoStorage().shared(), vmids, created);
        int vmid = installed.vmid();
        String templateName = adopted.filter(a -> a.stage() == Recover.Stage.FINALIZED).isPresent()
                ? skipFinalize(adopted.get()) : finalize(vmid, created);
        Optional<String> ip = smokeTest(vmids, vmid, templateName, installed.outcome());
        journal.commit(new Resource.Vm(node, vmid));
        PublishedTemplate published = published(node, vmid, templateName, image.nixpkgsRevision().orElse("unknown"),
                run.clock().instant().truncatedTo(ChronoUnit.SECONDS));
        return new Outcome(published, served(published), false, ip, retention(vmid));
    }

    /**
     * Removes the templates and ISOs beyond what retention keeps; the ones removed. Housekeeping:
     * when it fails, the verified template {@code vmid} is published all the same (as when a
     * smoke-test clone cannot be removed), and what stays is removed by a later retention.
     */
    private List<Integer> retention(int vmid) throws Exception {
        try {
            return steps.run(new Retention(run.client(), vms, waiter, journal, new Retention.Scope(
                    config.image().name(), config.retention(), node, target.isoStorage()))).removedTemplates();
        } catch (ProxmoxException e) {
            events.emit(LogEvent.warn("retention failed on " + node + " (" + e.getMessage() + "); template " + vmid
                    + " is verified and published all the same; older templates and ISOs stay until retention "
                    + "runs again"));
            return List.of();
        }
    }

    private String finalize(int vmid, String created) throws Exception {
        TemplateSpec.Finish finish = TemplateSpec.finish(config, target, image, Instant.parse(created), journal.run(),
                TemplateSpec.provenance(config, image, created, run.options().nixpveVersion(), run.holder()));
        return steps.run(new FinalizeTemplate(run.client(), vms, journal, new Resource.Vm(node, vmid), finish,
                TemplateSpec.buildTag(image)));
    }

    private String skipFinalize(Adoption.Adopted adopted) {
        steps.skip(StepId.FINALIZE, "VM " + adopted.vmid() + " is a template already, and its checks pass");
        return adopted.name();
    }

    private Optional<String> smokeTest(VmidAllocator vmids, int template, String templateName,
                                       InstallOutcome outcome) throws Exception {
        if (!config.verify().smokeTest()) {
            steps.skip(StepId.SMOKE_TEST, "verify.smokeTest is false");
            vms.addTags(node, template, TemplateSpec.VERIFIED_TAG); // unproven, as configured; now it may be current
            journal.relabel(new Resource.Vm(node, template), TemplateSpec.VERIFIED_LABEL);
            return Optional.empty();
        }
        String cloneNode = placement.smokeTestNode();
        if (placement.served().size() > 1 && cloneNode.equals(node)) {
            events.emit(LogEvent.info("the smoke-test clone stays on " + node + ": no other node this template "
                    + "serves has its bridge " + target.bridge()));
        }
        try {
            SmokeTest.Result booted = steps.run(new SmokeTest(vms, new Poller(run.clock(), run.sleeper()), journal,
                    vmids, new SmokeTest.Plan(node, template, templateName, cloneNode, target.diskStorage(),
                            target.bridge(), config.verify().timeout()),
                    SmokeTest.cloneTags(config.image().name(), journal.run())));
            events.emit(new MeasuredEvent(MeasuredEvent.Measure.SMOKE_TEST_BOOT_SECONDS,
                    booted.bootTime().toMillis() / 1000.0));
            return Optional.of(booted.ipv4());
        } catch (Exception e) {
            // The template itself is sound as far as PVE can tell: keep it for inspection, tagged
            // failed, so it is never published and the previous template stays current.
            Resource.Vm kept = new Resource.Vm(node, template);
            journal.commit(kept);
            run.report().failedTemplate(published(node, template, templateName,
                    image.nixpkgsRevision().orElse("unknown"),
                    run.clock().instant().truncatedTo(ChronoUnit.SECONDS)));
            String unconfirmed = outcome.confirmed() ? "" : "; the install was never confirmed by the guest agent";
            try {
                vms.addTags(node, template, TemplateSpec.FAILED_TAG);
                journal.relabel(kept, TemplateSpec.FAILED_LABEL);
                events.emit(LogEvent.warn("template " + template + " is kept but tagged failed and not published"
                        + unconfirmed));
            } catch (RuntimeException tagging) {
                // The smoke test's failure is the run's; a tag that cannot be written does not replace it.
                e.addSuppressed(tagging);
                events.emit(LogEvent.warn("template " + template + " is kept, not published, and could not be "
                        + "tagged failed (" + tagging.getMessage() + "); without the verified tag it is never "
                        + "current" + unconfirmed));
            }
            throw e;
        }
    }

    private Outcome reuse(PublishedTemplates.Found found) {
        String reason = "template " + found.vmid() + " (" + found.name() + ") on " + found.node() + " is "
                + "already built from build " + image.shortId() + " and verified";
        for (StepId step : List.of(StepId.UPLOAD, StepId.CREATE_VM, StepId.START, StepId.INSTALL,
                StepId.FINALIZE, StepId.SMOKE_TEST, StepId.RETENTION)) {
            steps.skip(step, reason);
        }
        events.emit(LogEvent.info("nothing to do: " + reason + "; nothing was created"));
        PublishedTemplate published = published(found.node(), found.vmid(), found.name(), image.nixpkgsRevision()
                .orElse(run.report().manifestRevision(found.vmid())), found.created());
        return new Outcome(published, served(published), true, Optional.empty(), List.of());
    }

    /** The template on {@code holder}, the node whose VM it is. */
    private PublishedTemplate published(String holder, int vmid, String name, String nixpkgsRevision,
                                        Instant created) {
        return new PublishedTemplate(holder, vmid, name, config.image().name(), target.diskStorage(),
                drive(), image.buildId(), nixpkgsRevision, created, (int) (config.vm().diskSize().bytes() >> 30));
    }

    private List<PublishedTemplate> served(PublishedTemplate published) {
        return placement.nodes().stream().map(published::servedOn).toList();
    }

    private String drive() {
        return config.vm().diskBus().pveDrive();
    }
}
