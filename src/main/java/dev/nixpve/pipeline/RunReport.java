package dev.nixpve.pipeline;

import dev.nixpve.pipeline.steps.Step;
import dev.nixpve.pipeline.steps.Journal;
import dev.nixpve.pipeline.steps.InstallerImage;

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

    RunReport(Path outDir, Instant started, EventSink events) {
        this.outDir = outDir;
        this.started = started;
        this.events = events;
    }

    void write(InstallerImage image, StepRunner steps, Journal journal, String outcome, String error) {
        try {
            new BuildReport(1, outcome, image == null ? null : image.buildId(), started, journal.now(),
                    steps.records().stream().map(r -> new BuildReport.Step(r.step().id(),
                            r.outcome().name().toLowerCase(Locale.ROOT), r.duration().toMillis(), r.detail())).toList(),
                    journal.entries().stream().map(e -> new BuildReport.JournalLine(e.action().name()
                            .toLowerCase(Locale.ROOT), e.what(), e.at())).toList(), error).write(outDir);
        } catch (IOException e) {
            events.emit(LogEvent.warn("could not write " + BuildReport.FILE_NAME + ": " + e.getMessage()));
        }
    }

    void failedTemplate(PublishedTemplate template) throws IOException {
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
