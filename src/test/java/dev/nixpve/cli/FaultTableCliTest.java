package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of {@link FaultTable}: a whole run against the simulator with the row's faults, on a fake clock. */
class FaultTableCliTest {

    private static final String TOKEN = "0123456789abcdef0123";
    private static final Path DOC = Path.of("docs/reliability.md");

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    /** The simulator on this test's fake clock, its delays instant, with these faults. */
    private SimOptions simulator(List<String> faults) {
        return SimOptions.defaults().withPort(0).withClock(clock).withDelayer(d -> { }).withFaults(faults);
    }

    /** A whole build-and-deploy-template run against {@code sim} with a stand-in ISO, into out/. */
    private CliRun deploy(PveSimulator sim, String... more) throws Exception {
        Path iso = dir.resolve("nixos.iso");
        StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
        List<String> args = new java.util.ArrayList<>(List.of("build-and-deploy-template", "--iso", iso.toString(),
                "--out", "out"));
        args.addAll(List.of(more));
        return CliRun.run(clock, sim.environment(), dir, args.toArray(String[]::new));
    }

    static Stream<FaultTable.Row> rows() {
        return FaultTable.ROWS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theRunEndsAsTheTableSays(FaultTable.Row row) throws Exception {
        try (PveSimulator sim = PveSimulator.start(simulator(row.faults()))) {
            CliRun run = deploy(sim);
            String all = run.all();

            assertEquals(row.exit(), run.exitCode(), all);
            List<SimVm> templates = sim.cluster().vms().stream().filter(SimVm::template).toList();
            List<SimVm> others = sim.cluster().vms().stream().filter(vm -> !vm.template()).toList();
            switch (row.outcome()) {
                case PUBLISHED -> {
                    assertEquals(1, templates.size(), all);
                    assertTrue(Files.readString(dir.resolve("out/templates.json"))
                            .contains("\"vmid\" : " + templates.get(0).vmid()), all);
                }
                case FAILED_TEMPLATE_KEPT -> {
                    assertEquals(1, templates.size(), all);
                    assertTrue(templates.get(0).config().getOrDefault("tags", "").contains("failed"), all);
                }
                case UNVERIFIED_TEMPLATE_LEFT -> {
                    assertEquals(1, templates.size(), all);
                    String tags = templates.get(0).config().getOrDefault("tags", "");
                    assertFalse(tags.contains("failed") || tags.contains("verified"), tags);
                    assertFalse(Files.exists(dir.resolve("out/template.auto.tfvars.json")), "not given to Terraform");
                }
                case NOTHING -> assertEquals(List.of(), templates, all);
            }
            assertEquals(row.vmsLeft(), others.size(), "VMs left: " + others.stream().map(SimVm::vmid).toList()
                    + "\n" + all);
            assertEquals(row.isosLeft(), isos(sim), all);
            String error = run.err().lines().filter(l -> l.startsWith("error:")).findFirst().orElse("");
            if (row.firstLine().isEmpty()) {
                assertEquals("", error, all);
            } else {
                assertTrue(error.startsWith("error: " + row.firstLine()), error);
            }
            assertFalse(all.contains(sim.apiToken().substring(sim.apiToken().indexOf('=') + 1)), "no secret");
            assertFalse(all.contains("\tat "), "no stack trace without --verbose");
            if (retries(row) > 0) {
                assertEquals(retries(row), all.lines().filter(l -> l.contains("trying again")).count(),
                        "each retry is one warning:\n" + all);
            }
            assertTheReportListsWhatIsLeft(run, others, sim.cluster().vms(), isos(sim), tokenExpires(row));
        }
    }

    /**
     * The console names each VM left (a clone whose cleanup failed, on a run that still published);
     * a failed run's build report lists, from its read of the cluster after cleanup, exactly the
     * VMs and ISOs the simulator holds.
     */
    private void assertTheReportListsWhatIsLeft(CliRun run, List<SimVm> others, List<SimVm> everyVm, long isos,
                                                boolean unreadable) throws Exception {
        for (SimVm vm : others) {
            assertTrue(run.all().contains("VM " + vm.vmid()), "VM " + vm.vmid() + " is left and said so:\n"
                    + run.all());
            // PVE refuses to destroy a running VM: the command given for one left running stops it first.
            assertTrue(!vm.running() || run.all().contains("qm stop " + vm.vmid() + " && qm destroy " + vm.vmid()),
                    "VM " + vm.vmid() + " is left running, and its removal says to stop it:\n" + run.all());
        }
        if (run.exitCode() == 0) {
            return;
        }
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/build-report.json").toFile());
        String source = report.path("leftOnProxmoxSource").asText();
        // With the token expired, nothing can be read: the journal's list of what may be there must
        // still be what is there, each thing named for what it is.
        assertTrue(source.equals("cluster") || source.equals("nothing-made") || unreadable && source.equals("journal"),
                "read after cleanup: " + report);
        List<Integer> listed = new java.util.ArrayList<>();
        long volumes = 0;
        for (JsonNode left : report.path("leftOnProxmox")) {
            if (left.has("vmid")) {
                int vmid = left.path("vmid").asInt();
                listed.add(vmid);
                // A template is listed as one, whether read from the cluster or named by the journal.
                boolean template = everyVm.stream().anyMatch(vm -> vm.vmid() == vmid && vm.template());
                String what = left.path("what").asText();
                assertTrue(template ? what.contains("template") && !what.equals("installer VM")
                        : !what.contains("template") || what.contains("under way"), "VM " + vmid + " is "
                        + (template ? "a template" : "no template") + ", listed as '" + what + "': " + report);
            } else {
                volumes++;
            }
        }
        // A failed run publishes nothing: every VM there is left, a template kept tagged failed too.
        assertEquals(everyVm.stream().map(SimVm::vmid).sorted().toList(), listed.stream().sorted().toList(),
                report.toString());
        assertEquals(isos, volumes, "the report lists the ISO left: " + report);
    }

    private static boolean tokenExpires(FaultTable.Row row) {
        return row.faults().stream().anyMatch(f -> f.startsWith("token-expire="));
    }

    /** The retries a row's faults cost, each one warning: a one-off 500 or reset one, N resets below the bound N. */
    private static long retries(FaultTable.Row row) {
        if (row.faults().size() != 1) {
            return 0;
        }
        String fault = row.faults().get(0);
        if (fault.startsWith("http-500=") && fault.endsWith(":1")) {
            return 1;
        }
        if (fault.startsWith("task-fail=") && fault.endsWith("got timeout")) {
            return 2; // a lock timeout passes: tried 3 times in all
        }
        int resets = fault.startsWith("upload-reset=") ? Integer.parseInt(fault.substring("upload-reset=".length()))
                : 0;
        return resets < 3 ? resets : 0;
    }

    private static long isos(PveSimulator sim) {
        return sim.cluster().nodes().stream().flatMap(n -> n.storages().stream())
                .flatMap(s -> s.volumes().stream()).filter(v -> v.content().equals("iso")).count();
    }

    static Stream<FaultTable.NodeRow> nodeRows() {
        return FaultTable.NODE_ROWS.stream();
    }

    /** pve1 publishes; pve2 fails alone, says why in its line, and its leftovers are listed in the report. */
    @ParameterizedTest(name = "two nodes: {0}")
    @MethodSource("nodeRows")
    void theSecondNodeFailsAloneAsTheTableSays(FaultTable.NodeRow row) throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), "target:\n  parallelism: 1\n");
        try (PveSimulator sim = PveSimulator.start(simulator(row.faults())
                .withNodes(List.of("pve1", "pve2", "pve3")))) {
            CliRun run = deploy(sim, "--node", "pve1,pve2");
            String all = run.all();

            assertEquals(1, run.exitCode(), all);
            List<SimVm> vms = sim.cluster().vms();
            List<SimVm> onPve1 = vms.stream().filter(vm -> vm.node().equals("pve1")).toList();
            assertEquals(1, onPve1.size(), all);
            assertTrue(onPve1.get(0).template() && onPve1.get(0).config().get("tags").contains("verified"), all);
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("pve1: Published template "
                    + onPve1.get(0).vmid() + " ")), all);
            JsonNode tfvars = new ObjectMapper().readTree(dir.resolve("out/template.auto.tfvars.json").toFile());
            assertEquals(1, tfvars.path("templates").size(), tfvars.toString());
            assertTrue(tfvars.toString().contains("\"pve1\"") && !tfvars.toString().contains("pve2"),
                    tfvars.toString());
            String pve2 = run.out().lines().filter(l -> l.startsWith("pve2: ")).findFirst().orElse("");
            assertTrue(pve2.startsWith("pve2: failed. " + row.firstLine()), pve2);
            assertTrue(pve2.contains("Hint: node pve2 does not answer the node you connect to"), pve2);
            List<Integer> leftOnPve2 = vms.stream().filter(vm -> vm.node().equals("pve2")).map(SimVm::vmid).toList();
            assertEquals(row.vmsLeft(), leftOnPve2.size(), all);
            assertTrue(vms.stream().noneMatch(vm -> vm.node().equals("pve2") && vm.template()), "no half-made "
                    + "template on pve2: " + all);
            for (int vmid : leftOnPve2) {
                // Left behind: its cleanup failed, so the run's journal stays open for the next run's recovery.
                assertTrue(pve2.contains("LEFT BEHIND VM " + vmid + " on pve2"), pve2);
            }
            JsonNode report = new ObjectMapper().readTree(dir.resolve("out/build-report.json").toFile());
            List<Integer> listed = new java.util.ArrayList<>();
            report.path("leftOnProxmox").forEach(left -> {
                if (left.has("vmid")) {
                    listed.add(left.path("vmid").asInt());
                }
            });
            assertEquals(leftOnPve2, listed, "the report lists what pve2's build left: " + report);
            assertFalse(all.contains(sim.apiToken().substring(sim.apiToken().indexOf('=') + 1)), "no secret");
            assertFalse(all.contains("\tat "), "no stack trace without --verbose");
        }
    }

    /** Retention is housekeeping: its failure is one warning and a failed step in the report, the template still published. */
    @Test
    void aRetentionThatFailsIsAWarningAndTheVerifiedTemplateIsPublished() throws Exception {
        try (PveSimulator sim = PveSimulator.start(simulator(List.of("token-expire=after:GET:/cluster/resources:8")))) {
            CliRun run = deploy(sim);

            assertEquals(0, run.exitCode(), run.all());
            assertEquals(1, run.all().lines().filter(l -> l.contains("retention failed on pve1 (")
                    && l.contains("is verified and published all the same")).count(), run.all());
            JsonNode report = new ObjectMapper().readTree(dir.resolve("out/build-report.json").toFile());
            assertEquals("succeeded", report.path("outcome").asText(), report.toString());
            List<String> retention = new java.util.ArrayList<>();
            report.path("steps").forEach(step -> {
                if (step.path("step").asText().equals("retention")) {
                    retention.add(step.path("outcome").asText());
                }
            });
            assertEquals(List.of("failed"), retention, report.toString());
        }
    }

    @Test
    void docsReliabilityListsEveryRow() throws Exception {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("## Faults\n");
        int end = start < 0 ? -1 : doc.indexOf("\n## ", start + 1);
        String section = start < 0 ? "" : end < 0 ? doc.substring(start) : doc.substring(start, end + 1);
        if (Boolean.getBoolean("nixpve.updateSnapshots")) {
            // -Dnixpve.updateSnapshots=true rewrites the section from the table; review the diff.
            String rest = start < 0 ? doc + "\n" : doc.substring(0, start);
            Files.writeString(DOC, rest + FaultTable.markdown() + (end < 0 ? "" : "\n" + doc.substring(end + 1)));
            fail("docs/reliability.md's Faults section was rewritten from FaultTable: review its diff, then run "
                    + "again without -Dnixpve.updateSnapshots");
        }
        // The blank line before the next section is the document's, not the table's.
        assertEquals(FaultTable.markdown().stripTrailing(), section.stripTrailing());
    }
}
