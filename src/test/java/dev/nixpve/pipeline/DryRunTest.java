package dev.nixpve.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry run is the real recipe over a planning transport, so its list of write calls is the
 * real run's: the same calls to the same paths in the same order, with no write reaching PVE.
 */
class DryRunTest {

    @TempDir
    Path dir;

    @Test
    void theDryRunListsExactlyTheWritesTheRealRunThenMakes() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            DryRun.Plan plan = pve.dryRun();

            assertEquals(List.of(), pve.writes(), "a dry run makes no write call");
            assertFalse(Files.exists(dir.resolve("out/templates.json")), "nor writes the outputs");
            assertFalse(Files.exists(dir.resolve("out/state")), "nor journals");

            pve.run(false);

            List<String> planned = plan.writes().stream().map(c -> c.method() + " " + c.path()).toList();
            List<String> made = pve.writes().stream().map(w -> w.replaceFirst(" /api2/json", " ")
                    .replaceFirst("  ", " ")).toList();
            assertEquals(made, planned);
            assertTrue(planned.size() >= 10, "upload, create, start, finalize, template, clone, ... : " + planned);
            assertTrue(plan.writes().stream().anyMatch(c -> c.path().equals("/nodes/pve1/qemu")
                    && "9100".equals(c.params().get("vmid"))), plan.writes().toString());
        }
    }

    @Test
    void anUnchangedRerunPlansNoWrite() throws Exception {
        try (PipelineHarness pve = new PipelineHarness(dir)) {
            pve.run(false);
            int writes = pve.writes().size();

            DryRun.Plan plan = pve.dryRun();

            assertTrue(plan.result().reused());
            assertEquals(List.of(), plan.writes());
            assertEquals(writes, pve.writes().size());
        }
    }
}
