package dev.nixpve.pipeline;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.emit.BuildReport;
import dev.nixpve.emit.PublishedTemplate;
import dev.nixpve.emit.TemplateManifest;
import dev.nixpve.emit.TfvarsWriter;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.monitor.InstallMonitor;
import dev.nixpve.monitor.InstallOutcome;
import dev.nixpve.wait.Sleeper;
import dev.nixpve.nix.BuiltIso;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.FlakeLock;
import dev.nixpve.nix.RenderedTree;
import dev.nixpve.nix.TemplateRenderer;
import dev.nixpve.pipeline.steps.InstallerVmSpec;
import dev.nixpve.pipeline.steps.IsoCache;
import dev.nixpve.pipeline.steps.Preflight;
import dev.nixpve.pipeline.steps.PrebuiltIso;
import dev.nixpve.pipeline.steps.PublishedTemplates;
import dev.nixpve.pipeline.steps.Retention;
import dev.nixpve.pipeline.steps.SmokeTest;
import dev.nixpve.pipeline.steps.TemplateSpec;
import dev.nixpve.pipeline.steps.TemplateVerifier;
import dev.nixpve.pipeline.steps.UploadIso;
import dev.nixpve.pipeline.steps.VmidAllocator;
import dev.nixpve.pipeline.steps.Vms;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.PveParams;
import dev.nixpve.proxmox.TaskWaiter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The main recipe, top to bottom: preflight, render, build the ISO, upload it, create and start
 * the installer VM, watch the install, turn the VM into a template, smoke-test a clone, publish
 * the outputs, apply retention. The {@link StepRunner} announces and times each step; the
 * {@link Journal} records what was created so that a failure removes it (or, with --keep-failed,
 * marks it) and says so.
 */
public final class BuildAndDeploy {

    private final ProxmoxClient client;
    private final ImageRenderer renderer;
    private final IsoBuilder builder;
    private final Clock clock;
    private final Sleeper sleeper;
    private final EventSink events;
    private final Duration monitorPoll;

    public BuildAndDeploy(ProxmoxClient client, ImageRenderer renderer, IsoBuilder builder,
                          Clock clock, Sleeper sleeper, EventSink events, Duration monitorPoll) {
        this.client = client;
        this.renderer = renderer;
        this.builder = builder;
        this.clock = clock;
        this.sleeper = sleeper;
        this.events = events;
        this.monitorPoll = monitorPoll;
    }

    public DeployResult run(NixpveConfig config, DeployOptions options) throws PipelineException {
        StepRunner steps = new StepRunner(clock, events);
        Journal journal = new Journal(clock, events);
        Instant started = clock.instant();
        TaskWaiter waiter = new TaskWaiter(client, clock, sleeper);
        Vms vms = new Vms(client, waiter);
        String node = config.target().node();
        String drive = config.vm().diskBus().pveDrive();
        InstallerImage image = null;
        try {
            int vmidsNeeded = config.verify().vmidsPerRun();
            steps.run("preflight", () -> new Preflight(client).check(config.target(), config.vm(), vmidsNeeded),
                    r -> "PVE " + r.version().release() + ", node " + node + ", storages " + r.isoStorage().storage()
                            + " and " + r.diskStorage().storage() + ", bridge " + config.target().bridge());
            image = obtainImage(config, options, steps);
            InstallerImage built = image;
            String buildTag = TemplateSpec.buildTag(image);

            Optional<PublishedTemplates.Found> existing = new PublishedTemplates(client)
                    .current(node, config.image().name(), buildTag, drive);
            if (existing.isPresent()) {
                return reuse(config, options, steps, journal, started, image, existing.get());
            }

            UploadIso upload = new UploadIso(client, waiter, events);
            String volid = uploadOnce(config, steps, journal, upload, built);

            VmidAllocator vmids = new VmidAllocator(client, config.target().vmids());
            String created = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
            int vmid = steps.run("create-vm", () -> vmids.claim(id -> {
                vms.create(node, id, InstallerVmSpec.params(config, built, volid, created));
                journal.created(installerVm(id, node), () -> vms.destroy(node, id), Optional.of(() -> {
                    vms.markFailed(node, id);
                    events.emit(LogEvent.warn("kept the failed VM " + id + " on " + node + " for inspection "
                            + "(tagged failed); remove it with 'qm destroy " + id + " --purge' when done"));
                }));
            }), id -> "VM " + id + " (" + InstallerVmSpec.vmName(config, built) + ") on " + node);

            steps.run("start", () -> {
                vms.start(node, vmid);
                return vmid;
            }, id -> "booting the installer ISO");

            InstallOutcome outcome = steps.run("install", () -> new InstallMonitor(client, clock, sleeper, events,
                    monitorPoll).watch(node, vmid, config.install()),
                    o -> o.confirmed() ? "installed; the VM powered off" : "VM powered off (outcome unconfirmed)");

            String templateName = steps.run("finalize", () -> finalizeTemplate(config, vms, built, vmid, created, options),
                    name -> "template " + vmid + " (" + name + ") verified");

            Optional<String> ip = Optional.empty();
            if (config.verify().smokeTest()) {
                ip = Optional.of(smokeTest(config, options, built, steps, journal, vms, vmids, vmid, templateName,
                        outcome));
            } else {
                steps.skip("smoke-test", "verify.smokeTest is false");
            }
            journal.commit(installerVm(vmid, node));

            PublishedTemplate published = published(config, node, vmid, templateName, built.buildId(),
                    built.nixpkgsRevision().orElse("unknown"), clock.instant().truncatedTo(ChronoUnit.SECONDS));
            Retention.Result retention = steps.run("retention", () -> new Retention(client, vms, waiter, journal)
                    .apply(config.image().name(), config.retention(), node, config.target().isoStorage()),
                    r -> r.removed().isEmpty() ? "nothing to remove" : "removed " + String.join(", ", r.removed()));
            steps.run("publish", () -> publish(config, options, published, retention), f -> "wrote " + f);

            DeployResult result = new DeployResult(node, vmid, templateName, built, false, ip, steps.records(),
                    journal.entries());
            report(options, steps, journal, started, built, "succeeded", null);
            return result;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String step = steps.current();
            List<Journal.Entry> cleanup = journal.rollback(options.keepFailed());
            report(options, steps, journal, started, image, "failed", e.getMessage());
            throw new PipelineException(step, e, cleanup);
        }
    }

    private InstallerImage obtainImage(NixpveConfig config, DeployOptions options, StepRunner steps) throws Exception {
        if (options.prebuiltIso().isPresent()) {
            InstallerImage image = PrebuiltIso.identify(options.prebuiltIso().get());
            steps.skip("render", "--iso given");
            steps.skip("build-iso", "--iso " + image.file().getFileName() + ": build id is its sha256 "
                    + image.shortId());
            return image;
        }
        RenderedTree tree = steps.run("render", () -> renderPinned(config, options),
                t -> "build " + t.identity().buildId().substring(0, 12) + " in " + t.directory()
                        + FlakeLock.nixpkgsRevision(t.directory()).map(r -> ", nixpkgs " + r.substring(0, 12))
                        .orElse(""));
        IsoCache cache = new IsoCache(options.outDir().resolve("iso"));
        Optional<InstallerImage> cached = cache.lookup(tree, config.image().name());
        if (cached.isPresent()) {
            steps.skip("build-iso", "the ISO of build " + cached.get().shortId() + " is already in " + cache.directory());
            return cached.get();
        }
        return steps.run("build-iso", () -> {
            BuiltIso built = builder.build(tree, cache.directory(), events);
            return cache.store(tree, config.image().name(), built, "nix build (" + builder.describe() + ")");
        }, i -> i.file().getFileName() + ", " + (i.size() >> 20) + " MiB, sha256 " + i.sha256().substring(0, 12));
    }

    /**
     * Renders with nixpkgs pinned: the first render of a tree has no flake.lock, so the builder locks
     * it and the tree is rendered again, and the build id covers the revision that will be built.
     * Later runs keep the lock, so unchanged inputs keep their id; --update-nixpkgs drops it first.
     */
    private RenderedTree renderPinned(NixpveConfig config, DeployOptions options) throws Exception {
        Path dir = options.outDir().resolve("tree");
        Path lock = dir.resolve(TemplateRenderer.FLAKE_LOCK);
        if (options.updateNixpkgs() && Files.deleteIfExists(lock)) {
            events.emit(LogEvent.info("--update-nixpkgs: re-resolving " + config.image().nixpkgs()));
        }
        RenderedTree tree = renderer.render(config, dir);
        if (Files.isRegularFile(lock)) {
            return tree;
        }
        builder.lock(tree, events);
        return Files.isRegularFile(lock) ? renderer.render(config, dir) : tree;
    }

    private String uploadOnce(NixpveConfig config, StepRunner steps, Journal journal, UploadIso upload,
                              InstallerImage image) throws Exception {
        String node = config.target().node();
        String storage = config.target().isoStorage();
        Optional<String> present = upload.existing(node, storage, image, config.image().name());
        if (present.isPresent()) {
            steps.skip("upload", present.get() + " is already on the storage");
            return present.get();
        }
        UploadIso.Result uploaded = steps.run("upload", () -> upload.upload(node, storage, image,
                config.image().name()), r -> r.volid() + " (sha256 verified by PVE)");
        // A verified ISO is a cache for the next run of this build, not debris: it stays, and
        // retention (retention.isos) removes old ones.
        String what = "ISO " + uploaded.volid();
        journal.created(what, () -> { }, Optional.empty());
        journal.commit(what);
        return uploaded.volid();
    }

    private String finalizeTemplate(NixpveConfig config, Vms vms, InstallerImage image, int vmid, String created,
                                    DeployOptions options) throws Exception {
        String node = config.target().node();
        vms.update(node, vmid, TemplateSpec.removeIso());
        String smbios = TemplateSpec.withoutSerial(client.vmConfig(node, vmid).get("smbios1").orElse(""));
        vms.update(node, vmid, TemplateSpec.finish(config, image, Instant.parse(created), smbios,
                TemplateSpec.provenance(config, image, created, options.nixpveVersion())));
        vms.template(node, vmid);
        List<String> problems = TemplateVerifier.problems(client.vmConfig(node, vmid),
                config.vm().diskBus().pveDrive(), TemplateSpec.buildTag(image));
        if (!problems.isEmpty()) {
            throw new StepFailure("template " + vmid + " failed verification: " + String.join("; ", problems),
                    "it is not published; look at its config with 'qm config " + vmid + "' (add --keep-failed to "
                            + "keep it)");
        }
        return TemplateSpec.name(config, image);
    }

    private String smokeTest(NixpveConfig config, DeployOptions options, InstallerImage image, StepRunner steps,
                             Journal journal, Vms vms, VmidAllocator vmids,
                             int template, String templateName, InstallOutcome outcome) throws Exception {
        String node = config.target().node();
        try {
            SmokeTest.Result result = steps.run("smoke-test", () -> new SmokeTest(vms, clock, sleeper, journal)
                    .run(config, node, template, templateName, vmids),
                    r -> "clone " + r.cloneVmid() + " booted, IPv4 " + r.ipv4() + " after " + r.bootTime().toSeconds()
                            + "s; clone removed");
            return result.ipv4();
        } catch (Exception e) {
            // The template itself is sound as far as PVE can tell: keep it for inspection, tagged
            // failed, so it is never published and the previous template stays current.
            journal.commit(installerVm(template, node));
            vms.update(node, template, PveParams.of().put("tags", client.vmConfig(node, template).get("tags")
                    .orElse(TemplateSpec.TAG) + ";" + TemplateSpec.FAILED_TAG));
            TemplateManifest.record(options.outDir(), TemplateManifest.Template.current(config.image().name(),
                    published(config, node, template, templateName, image.buildId(),
                            image.nixpkgsRevision().orElse("unknown"), clock.instant().truncatedTo(ChronoUnit.SECONDS)))
                    .withStatus(TemplateManifest.Template.FAILED), List.of());
            events.emit(LogEvent.warn("template " + template + " is kept but tagged failed and not published"
                    + (outcome.confirmed() ? "" : "; the install was never confirmed by the guest agent")));
            throw e;
        }
    }

    private static PublishedTemplate published(NixpveConfig config, String node, int vmid, String name,
                                               String buildId, String nixpkgsRevision, Instant created) {
        return new PublishedTemplate(node, vmid, name, config.image().name(), config.target().diskStorage(),
                config.vm().diskBus().pveDrive(), buildId, nixpkgsRevision, created,
                (int) (config.vm().diskSize().bytes() >> 30));
    }

    /** The manifest first, then the Terraform variables for the current template of every node. */
    private String publish(NixpveConfig config, DeployOptions options, PublishedTemplate published,
                           Retention.Result retention) throws Exception {
        String image = config.image().name();
        TemplateManifest.Manifest manifest = TemplateManifest.record(options.outDir(),
                TemplateManifest.Template.current(image, published), retention.removedTemplates());
        new TfvarsWriter().write(options.outDir().resolve(TfvarsWriter.FILE_NAME),
                TemplateManifest.currentTemplates(manifest, published, image));
        return options.outDir().resolve(TemplateManifest.FILE_NAME) + " and " + TfvarsWriter.FILE_NAME;
    }

    private DeployResult reuse(NixpveConfig config, DeployOptions options, StepRunner steps, Journal journal,
                               Instant started, InstallerImage image, PublishedTemplates.Found found) throws Exception {
        String reason = "template " + found.vmid() + " (" + found.name() + ") on " + found.node() + " is already built "
                + "from build " + image.shortId() + " and verifies";
        for (String step : List.of("upload", "create-vm", "start", "install", "finalize", "smoke-test", "retention")) {
            steps.skip(step, reason);
        }
        events.emit(LogEvent.info("nothing to do: " + reason + "; nothing was created"));
        PublishedTemplate published = published(config, found.node(), found.vmid(), found.name(), image.buildId(),
                image.nixpkgsRevision().orElse(manifestRevision(options, found.vmid())), found.created());
        steps.run("publish", () -> publish(config, options, published, new Retention.Result(List.of(), List.of(), List.of())),
                f -> "wrote " + f);
        report(options, steps, journal, started, image, "unchanged", null);
        return new DeployResult(found.node(), found.vmid(), found.name(), image, true, Optional.empty(),
                steps.records(), journal.entries());
    }

    private static String manifestRevision(DeployOptions options, int vmid) {
        try {
            return TemplateManifest.read(options.outDir()).templates().stream().filter(t -> t.vmid() == vmid)
                    .map(TemplateManifest.Template::nixpkgsRevision).findFirst().orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String installerVm(int vmid, String node) {
        return "VM " + vmid + " on " + node;
    }

    private void report(DeployOptions options, StepRunner steps, Journal journal, Instant started,
                        InstallerImage image, String outcome, String error) {
        try {
            new BuildReport(1, outcome, image == null ? null : image.buildId(), started, clock.instant(),
                    steps.records().stream().map(r -> new BuildReport.Step(r.step(), r.outcome().name().toLowerCase(
                            java.util.Locale.ROOT), r.duration().toMillis(), r.detail())).toList(),
                    journal.entries().stream().map(e -> new BuildReport.JournalLine(e.action().name().toLowerCase(
                            java.util.Locale.ROOT), e.what(), e.at())).toList(), error).write(options.outDir());
        } catch (java.io.IOException e) {
            events.emit(LogEvent.warn("could not write " + BuildReport.FILE_NAME + ": " + e.getMessage()));
        }
    }
}
