package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.ConfigLoader;
import dev.nixpve.event.EventSink;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code templates list} and {@code templates prune} against the simulator, with a template that has a clone. */
class TemplatesCommandTest {

    private static final String TOKEN = "0123456789abcdef0123";
    private static final String NEWER_TOKEN = "fedcba9876543210fedc";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void listShowsEachTemplatesStandingAndUsersAndPruneKeepsTheCurrentAndTheClonedOne() throws Exception {
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { })); ProxmoxClient client = connect(sim)) {
            Path iso = dir.resolve("nixos.iso");
            StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
            assertEquals(0, CliRun.run(clock, sim.environment(), dir, "rebuild", "--iso", iso.toString()).exitCode());
            clock.advance(Duration.ofDays(8));
            // A newer build: its own build tag, so the clone below uses only the old one.
            Path newer = dir.resolve("newer.iso");
            StandInIso.write(newer, NEWER_TOKEN, BuildIdentity.volumeIdFor(NEWER_TOKEN));
            assertEquals(0, CliRun.run(clock, sim.environment(), dir, "rebuild", "--iso", newer.toString())
                    .exitCode());
            List<Integer> templates = sim.cluster().vms().stream().filter(SimVm::template).map(SimVm::vmid)
                    .sorted().toList();
            int old = templates.get(0);
            int current = templates.get(1);
            // Terraform's clones carry the template's build tag: clone_vm copies the tags.
            await(client, client.cloneVm("pve1", old, CloneRequest.linked(9200, "worker")));
            Files.writeString(dir.resolve("nixpve.yaml"), "retention:\n  templates: 1\n");

            CliRun list = CliRun.run(clock, sim.environment(), dir, "templates", "list");

            assertEquals(0, list.exitCode(), list.all());
            List<String> lines = list.out().lines().toList();
            assertTrue(lines.get(0).matches("NODE +VMID +NAME +BUILD +NIXPKGS +CREATED +AGE +STATUS +USED BY"),
                    list.out());
            assertTrue(lines.get(1).matches("pve1 +" + current + " +nixos-base-\\w+ +\\w{12} +\\S+ +\\S+ +\\w+ "
                    + "+current +-"), list.out());
            assertTrue(lines.get(2).matches("pve1 +" + old + " +.* +8d\\w* +retired +VM 9200 carries its build tag"),
                    list.out());

            int before = sim.requests().size();
            CliRun dry = CliRun.run(clock, sim.environment(), dir, "templates", "prune", "--dry-run");
            assertEquals(0, dry.exitCode(), dry.all());
            assertTrue(dry.out().contains("Nothing to remove (dry run)."), dry.out());
            assertTrue(dry.out().contains("kept template " + current + " (nixos-base-"), dry.out());
            assertTrue(dry.out().contains("): current"), dry.out());
            assertTrue(dry.out().contains("kept template " + old + " (nixos-base-"), dry.out());
            assertTrue(dry.out().contains("): VM 9200 carries its build tag"), dry.out());

            await(client, client.deleteVm("pve1", 9200, true, true));
            CliRun wouldRemove = CliRun.run(clock, sim.environment(), dir, "templates", "prune", "--dry-run");
            assertTrue(wouldRemove.out().contains("would remove old template " + old), wouldRemove.out());
            assertEquals(List.of(), writes(sim, before), "a dry run writes nothing");
            assertTrue(sim.cluster().vm(old).isPresent());

            // Pruning goes through the same retries as a build: a passing 500 is one warning, not a failure.
            Files.writeString(dir.resolve("nixpve.yaml"), "retention:\n  templates: 1\n  isos: 1\n");
            sim.faults().add("http-500=DELETE:/nodes/*/qemu/*:1");
            sim.faults().add("http-500=DELETE:/nodes/*/storage/*/content/**:1");
            CliRun prune = CliRun.run(clock, sim.environment(), dir, "templates", "prune");

            assertEquals(0, prune.exitCode(), prune.all());
            assertTrue(prune.out().contains("removed old template " + old), prune.out());
            assertTrue(prune.out().contains("removed old ISO "), prune.out());
            assertEquals(2, prune.all().lines().filter(l -> l.contains("trying again")).count(), prune.all());
            assertFalse(sim.cluster().vm(old).isPresent());
            assertTrue(sim.cluster().vm(current).isPresent(), "never the current one");
        }
    }

    @Test
    void aTemplatePublishedAgainAfterARevertIsCurrentAndPruneKeepsIt() throws Exception {
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { }))) {
            Path iso = dir.resolve("nixos.iso");
            StandInIso.write(iso, TOKEN, BuildIdentity.volumeIdFor(TOKEN));
            Path newer = dir.resolve("newer.iso");
            StandInIso.write(newer, NEWER_TOKEN, BuildIdentity.volumeIdFor(NEWER_TOKEN));
            assertEquals(0, CliRun.run(clock, sim.environment(), dir, "rebuild", "--iso", iso.toString()).exitCode());
            assertEquals(0, CliRun.run(clock, sim.environment(), dir, "rebuild", "--iso", newer.toString())
                    .exitCode());
            // The change is reverted: the first build's template is current again, and published.
            CliRun reverted = CliRun.run(clock, sim.environment(), dir, "rebuild", "--iso", iso.toString());
            assertEquals(0, reverted.exitCode(), reverted.all());
            List<Integer> templates = sim.cluster().vms().stream().filter(SimVm::template).map(SimVm::vmid)
                    .sorted().toList();
            int published = templates.get(0);
            Files.writeString(dir.resolve("nixpve.yaml"), "retention:\n  templates: 1\n");

            CliRun list = CliRun.run(clock, sim.environment(), dir, "templates", "list");
            assertTrue(list.out().lines().anyMatch(l -> l.matches("pve1 +" + published + " .* current +-")),
                    list.out());
            assertTrue(list.out().lines().anyMatch(l -> l.matches("pve1 +" + templates.get(1) + " .* retired +-")),
                    list.out());

            CliRun prune = CliRun.run(clock, sim.environment(), dir, "templates", "prune");

            assertEquals(0, prune.exitCode(), prune.all());
            assertTrue(prune.out().contains("kept template " + published + " (nixos-base-"), prune.out());
            assertTrue(prune.out().contains("): published to Terraform"), prune.out());
            assertEquals(templates, sim.cluster().vms().stream().filter(SimVm::template).map(SimVm::vmid)
                    .sorted().toList(), "the published template stays");
        }
    }

    private static List<String> writes(PveSimulator sim, int from) {
        List<String> all = sim.requests();
        return all.subList(from, all.size()).stream().filter(r -> !r.startsWith("GET "))
                .filter(r -> !r.matches("POST .*/qemu/9200/clone|DELETE .*/qemu/9200")).toList();
    }

    private ProxmoxClient connect(PveSimulator sim) throws Exception {
        var config = new ConfigLoader(new HashMap<>(sim.environment())).load(Optional.empty(), List.of(), Path.of("."));
        return new ProxmoxConnector(clock, clock, EventSink.discard()).connect(config.proxmox());
    }

    private void await(ProxmoxClient client, Upid upid) {
        new TaskWaiter(client, clock, clock).await(upid, Duration.ofMinutes(5), Duration.ofSeconds(1),
                ResourceRef.task(upid));
    }
}
