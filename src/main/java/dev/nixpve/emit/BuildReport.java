package dev.nixpve.emit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code OUT/build-report.json}: one run, for schedulers and post-mortems: each step with its
 * duration and outcome, what was created and removed on the Proxmox side, and what a failed run
 * left there: {@code leftOnProxmox}, as a read of the cluster after its cleanup found it when
 * {@code leftOnProxmoxSource} is {@code cluster}; {@code journal} when the cluster could not be read
 * ({@code leftOnProxmoxUnreadBecause} says why; the list is then what may be there);
 * {@code nothing-made} when the run never asked PVE to make anything; {@code not-checked} after a run
 * that did not fail in a build (what it published is in the manifest, not here).
 */
public record BuildReport(int version, String outcome, String buildId, Instant startedAt, Instant finishedAt,
                          List<Step> steps, List<JournalLine> journal, String error, List<Left> leftOnProxmox,
                          String leftOnProxmoxSource,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String leftOnProxmoxUnreadBecause) {

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

    /**
     * One thing of the run on Proxmox VE: a VM ({@code vmid}) or a volume ({@code volid}) on
     * {@code node}; {@code kept}: the run meant it to stay (the ISO the next run reuses, a template
     * tagged failed, --keep-failed); {@code arriving}: a volume whose upload task still ran, which may
     * appear.
     */
    public record Left(String node, @JsonInclude(JsonInclude.Include.NON_NULL) Integer vmid,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String volid, String what, boolean kept,
                       boolean arriving) {
    }

    public void write(Path outDir) throws IOException {
        JsonFiles.write(outDir.resolve(FILE_NAME), this);
    }
}
