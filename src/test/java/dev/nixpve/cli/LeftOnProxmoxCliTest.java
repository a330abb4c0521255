package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed run says what it left on Proxmox VE as a read of the cluster after its cleanup shows it,
 * each thing with the command that removes it, and build-report.json lists the same; "Nothing was
 * left" only when that read found nothing.
 */
class LeftOnProxmoxCliTest {

    private static final String TOKEN = "0123456789abcdef0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    private PveSimulator simulator(String... faults) throws IOException {
        return PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { })
                .withFaults(List.of(faults)));
    }

    private CliRun build(PveSimulator sim) throws IOException {
        Path iso = dir.resolve("nixos.iso");
        StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
        return CliRun.run(clock, sim.environment(), dir, "build-and-deploy-template", "--iso", iso.toString(),
                "--out", "out");
    }

    private static String error(CliRun run) {
        return run.err().lines().filter(l -> l.startsWith("error:")).findFirst().orElseThrow(() ->
                new AssertionError(run.all()));
    }

    private JsonNode report() throws IOException {
        return JSON.readTree(dir.resolve("out/build-report.json").toFile());
    }

    private static List<Integer> vmids(PveSimulator sim) {
        synchronized (sim.cluster()) {
            return sim.cluster().vms().stream().map(SimVm::vmid).sorted().toList();
        }
    }

    private static List<Integer> reportedVmids(JsonNode report) {
        return StreamSupport.stream(report.path("leftOnProxmox").spliterator(), false)
                .filter(l -> l.has("vmid")).map(l -> l.path("vmid").asInt()).sorted().toList();
    }

    /** The token expires during the smoke test: the template and the clone stay, and nothing can read the cluster. */
    @Test
    void aTokenThatExpiredLeavesTheTemplateAndTheCloneAndTheReportSaysSo() throws Exception {
        try (PveSimulator sim = simulator("token-expire=90")) {
            CliRun run = build(sim);

            assertEquals(1, run.exitCode(), run.all());
            String error = error(run);
            assertFalse(error.contains("Nothing was left"), error);
            assertEquals(List.of(9100, 9101), vmids(sim), "what the cluster holds");
            assertTrue(error.contains("The cluster could not be read after the cleanup (GET /cluster/resources "
                    + "failed: HTTP 401 token expired); what this run made and did not remove may still be there: "),
                    error);
            // A template by now, as the journal learnt when PVE converted it: not the installer VM it was.
            assertTrue(error.contains("VM 9100 on pve1 (unverified template, kept on purpose; remove it with "
                    + "'qm destroy 9100 --purge --destroy-unreferenced-disks 1' on pve1)"), error);
            // Its state unread, a VM that may run is stopped first: PVE destroys no running VM.
            assertTrue(error.contains("VM 9101 on pve1 (smoke-test clone; remove it with 'qm stop 9101 && qm destroy "
                    + "9101 --purge --destroy-unreferenced-disks 1' on pve1)"), error);
            JsonNode report = report();
            assertEquals("journal", report.path("leftOnProxmoxSource").asText(), report.toString());
            assertEquals(vmids(sim), reportedVmids(report), report.toString());
            assertFalse(run.all().contains(sim.apiToken().substring(sim.apiToken().indexOf('=') + 1)));
        }
    }

    /**
     * No task's status can be read. The upload is taken as done once its ISO is found in place (PVE
     * moves it there only after checking its sha256), so the run goes on and fails at the first
     * write it cannot confirm otherwise; the read after the cleanup finds the ISO and names it.
     */
    @Test
    void anIsoTheRunCouldNotConfirmByItsTaskIsFoundAndNamed() throws Exception {
        try (PveSimulator sim = simulator("http-500=GET:/nodes/*/tasks/*/status")) {
            CliRun run = build(sim);

            assertEquals(1, run.exitCode(), run.all());
            String error = error(run);
            assertTrue(error.startsWith("error: Step 'finalize' failed"), error);
            assertFalse(error.contains("Nothing was left"), error);
            String volid = isoVolid(sim);
            assertTrue(error.contains(" Left on Proxmox VE (read after the cleanup): " + volid + " on pve1 (ISO, "
                    + "kept on purpose; remove it with 'pvesm free " + volid + "' on pve1)."), error);
            JsonNode left = report().path("leftOnProxmox");
            assertEquals("cluster", report().path("leftOnProxmoxSource").asText());
            assertEquals(1, left.size(), left.toString());
            assertEquals(volid, left.get(0).path("volid").asText());
            assertEquals("pve1", left.get(0).path("node").asText());
        }
    }

    /**
     * Every upload's answer is lost after PVE started copying the file into place, a copy that
     * ends a minute later: the run gives up on the upload, then waits for the node's upload tasks
     * to end before it reads what is left, so the ISO that arrives after it gave up is named.
     */
    @Test
    void anIsoWhoseCopyEndsAfterTheRunGaveUpIsWaitedForAndNamed() throws Exception {
        try (PveSimulator sim = simulator("upload-answer-lost=3")) {
            CliRun run = build(sim);

            assertEquals(1, run.exitCode(), run.all());
            String error = error(run);
            assertTrue(error.startsWith("error: Step 'upload' failed"), error);
            assertFalse(error.contains("Nothing was left"), error);
            String volid = isoVolid(sim);
            assertTrue(error.contains(" Left on Proxmox VE (read after the cleanup): " + volid + " on pve1"), error);
            JsonNode left = report().path("leftOnProxmox");
            assertEquals("cluster", report().path("leftOnProxmoxSource").asText(), report().toString());
            assertEquals(1, left.size(), left.toString());
            assertEquals(volid, left.get(0).path("volid").asText());
            assertFalse(left.get(0).path("arriving").asBoolean(), left.toString());
        }
    }

    /** Nothing is there after the cleanup, and a read of the cluster shows it: only then the report says so. */
    @Test
    void nothingWasLeftOnlyWhenTheReadAfterTheCleanupShowsIt() throws Exception {
        try (PveSimulator sim = simulator("install-fail=format")) {
            CliRun first = build(sim);
            assertEquals(1, first.exitCode(), first.all());
            String volid = isoVolid(sim);
            assertTrue(error(first).contains("Cleanup: removed VM 9100 on pve1. Left on Proxmox VE (read after the "
                    + "cleanup): " + volid + " on pve1 (ISO, kept on purpose; remove it with 'pvesm free " + volid
                    + "' on pve1)."), error(first));

            CliRun second = build(sim); // the ISO is this build's already: no upload

            assertEquals(1, second.exitCode(), second.all());
            assertTrue(error(second).endsWith("Cleanup: removed VM 9100 on pve1. Nothing was left on Proxmox VE "
                    + "(read after the cleanup)."), error(second));
            assertEquals(List.of(), vmids(sim));
            assertEquals("cluster", report().path("leftOnProxmoxSource").asText());
            assertEquals(0, report().path("leftOnProxmox").size());
        }
    }

    private static String isoVolid(PveSimulator sim) {
        List<String> volids = new ArrayList<>();
        synchronized (sim.cluster()) {
            sim.cluster().requireStorage("pve1", "local").volumes().forEach(v -> volids.add(v.volid()));
        }
        assertEquals(1, volids.size(), volids.toString());
        return volids.get(0);
    }
}
