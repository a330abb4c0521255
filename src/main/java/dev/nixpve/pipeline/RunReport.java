package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.Step;
import dev.nixpve.pipeline.steps.Journal;
import dev.nixpve.pipeline.steps.InstallerImage;
import dev.nixpve.pipeline.steps.LeftOnProxmox;
import dev.nixpve.journal.Resource;

import dev.nixpve.config.Redaction;
import dev.nixpve.emit.BuildReport;
import dev.nixpve.emit.PublishedTemplate;
import dev.nixpve.emit.TemplateManifest;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a run leaves in the output directory besides the published outputs: the build report
 * (steps and journal) and, for a template that failed its smoke test, its manifest entry. A report
 * that cannot be written is a warning, never the run's failure.
 */
final class RunReport {

    private final Path outDir;
    private final Instant started;
    private final EventSink events;
    private final Redaction secrets;

    /** {@code secrets}: masked in every text of the report, should one have reached a message. */
    RunReport(Path outDir, Instant started, EventSink events, Redaction secrets) {
        this.outDir = outDir;
        this.started = started;
        this.events = events;
        this.secrets = secrets;
    }

    /** What one node's part of a run did (node null for the run's own part, or a one-node run). */
    record Part(String node, StepRunner steps, Journal journal) {
    }

    /**
     * Every part's steps and journal lines, each in the order they happened (the nodes' at once),
     * and what a failed run left on Proxmox VE.
     */
    void write(InstallerImage image, List<Part> parts, String outcome, String error, LeftOnProxmox left) {
        List<BuildReport.Step> steps = new java.util.ArrayList<>();
        List<BuildReport.JournalLine> lines = new java.util.ArrayList<>();
        for (Part part : parts) {
            part.steps().records().forEach(r -> steps.add(new BuildReport.Step(r.step().id(),
                    r.outcome().name().toLowerCase(Locale.ROOT), r.startedAt(), r.duration().toMillis(),
                    mask(r.detail()), part.node())));
            part.journal().entries().forEach(e -> lines.add(new BuildReport.JournalLine(e.action().name()
                    .toLowerCase(Locale.ROOT), mask(e.what()), e.at())));
        }
        // Stable sorts: steps of one instant (skipped ones) keep their recipe order.
        steps.sort(java.util.Comparator.comparing(BuildReport.Step::startedAt));
        lines.sort(java.util.Comparator.comparing(BuildReport.JournalLine::at));
        try {
            new BuildReport(1, outcome, image == null ? null : image.buildId(), started, parts.get(0).journal().now(),
                    steps, lines, mask(error),
                    left.items().stream().map(RunReport::left).toList(),
                    left.source().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    left.unreadBecause().orElse(null)).write(outDir);
        } catch (IOException e) {
            events.emit(LogEvent.warn("could not write " + BuildReport.FILE_NAME + ": " + e.getMessage()));
        }
    }

    private String mask(String text) {
        return text == null ? null : secrets.apply(text);
    }

    private static BuildReport.Left left(LeftOnProxmox.Left item) {
        Integer vmid = item.resource() instanceof Resource.Vm vm ? vm.vmid() : null;
        String volid = item.resource() instanceof Resource.Volume volume ? volume.volid() : null;
        return new BuildReport.Left(item.resource().node(), vmid, volid, item.what(), item.kept(), item.arriving());
    }

    /** Nodes of one run finish at once, and the manifest is read, changed and written whole. */
    synchronized void failedTemplate(PublishedTemplate template) throws IOException {
        TemplateManifest.record(outDir, TemplateManifest.Template.current(template.image(), template)
                .withStatus(TemplateManifest.Status.FAILED), List.of());
    }

    /** The nixpkgs revision the manifest recorded for {@code vmid}, for a reused template. */
    String manifestRevision(int vmid) {
        try {
            return TemplateManifest.read(outDir).templates().stream().filter(t -> t.vmid() == vmid)
                    .map(TemplateManifest.Template::nixpkgsRevision).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
