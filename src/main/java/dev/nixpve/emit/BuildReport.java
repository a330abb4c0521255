package dev.nixpve.emit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code OUT/build-report.json}: one run, for schedulers and post-mortems: each step with its
 * duration and outcome, and what was created and removed on the Proxmox side.
 */
public record BuildReport(int version, String outcome, String buildId, Instant startedAt, Instant finishedAt,
                          List<Step> steps, List<JournalLine> journal, String error) {

    public static final String FILE_NAME = "build-report.json";

    /**
     * One step's outcome, when it started and how long it took (a cluster's node steps overlap);
     * {@code node} names the node in a run over several nodes, else is null and not written.
     */
    public record Step(String step, String outcome, Instant startedAt, long durationMs, String detail,
                       @com.fasterxml.jackson.annotation.JsonInclude(
                               com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String node) {
    }

    public record JournalLine(String action, String what, Instant at) {
    }

    public void write(Path outDir) throws IOException {
        JsonFiles.write(outDir.resolve(FILE_NAME), this);
    }
}
