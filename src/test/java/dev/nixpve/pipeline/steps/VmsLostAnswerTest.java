package dev.nixpve.pipeline.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.CloneRequest;
import dev.nixpve.proxmox.model.PveConnectionException;
import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.wire.ApiRequest;
import dev.nixpve.proxmox.wire.ApiResponse;
import dev.nixpve.proxmox.wire.ApiTransport;
import dev.nixpve.proxmox.wire.MultipartUpload;
import dev.nixpve.config.ConfigLoader;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.state.SharedStorageSpec;
import dev.nixpve.sim.state.SimVm;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that reached PVE but whose answer was lost (the connection broke after the request went
 * out): the retry must see that it took effect instead of sending it again into "already exists".
 */
class VmsLostAnswerTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<Event> events = new ArrayList<>();

    @TempDir
    Path dir;

    /**
     * qemu-server's clone_vm writes the new config on the source's node and renames it to the
     * target's only as its last act, so while the task runs the clone is on the source node.
     */
    @Test
    void aCloneOntoAnotherNodeWhoseAnswerWasLostIsFoundWhereItIsMadeNotMadeTwice() throws Exception {
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { }).withNodes(List.of("pve1", "pve2"))
                .withSharedStorages(List.of(SharedStorageSpec.parse("san:lvm:images"))));
             ProxmoxClient client = connect(sim);
             ProxmoxClient losing = client.through(real -> new LosesTheAnswer(real, "/clone"))) {
            Vms plain = new Vms(client, new TaskWaiter(client, clock, clock));
            plain.create("pve1", 9000, PveParams.of().put("name", "base").put("scsi0", "san:1"));
            plain.template("pve1", 9000);
            Vms vms = new Vms(losing, new TaskWaiter(losing, clock, clock),
                    Retries.standard(clock, events::add));

            vms.cloneFrom("pve1", 9000, CloneRequest.full(9101, "smoke", "san").onto("pve2"));

            SimVm clone = sim.cluster().vm(9101).orElseThrow();
            assertEquals("pve2", clone.node());
            assertEquals(1, sim.requests().stream().filter(r -> r.startsWith("POST") && r.contains("/clone"))
                    .count(), "cloned once: " + sim.requests());
            assertTrue(events.stream().anyMatch(e -> e instanceof LogEvent log
                    && log.message().contains("took effect all the same")), events.toString());
        }
    }

    private ProxmoxClient connect(PveSimulator sim) throws Exception {
        return new ProxmoxConnector(clock, clock, EventSink.discard()).connect(new ConfigLoader(sim.environment())
                .load(Optional.empty(), List.of(), dir).proxmox());
    }

    /**
     * qemu-server's create_vm writes a config of only "lock: create" before its task and the VM's
     * real config (its name among it) at the task's end, so a create is judged once its lock is gone.
     */
    @Test
    void aCreateWhoseAnswerWasLostIsWaitedForNotMadeTwice() throws Exception {
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { }));
             ProxmoxClient client = connect(sim);
             ProxmoxClient losing = client.through(real -> new LosesTheAnswer(real, "/qemu"))) {
            Vms vms = new Vms(losing, new TaskWaiter(losing, clock, clock), Retries.standard(clock, events::add));

            vms.create("pve1", 9100, PveParams.of().put("name", "installer").put("scsi0", "local-lvm:1"));

            assertEquals("installer", sim.cluster().vm(9100).orElseThrow().config().get("name"));
            assertEquals(1, sim.requests().stream().filter(r -> r.startsWith("POST") && r.endsWith("/qemu"))
                    .count(), "created once: " + sim.requests());
            assertTrue(events.stream().anyMatch(e -> e instanceof LogEvent log
                    && log.message().contains("took effect all the same")), events.toString());
        }
    }

    /** Sends every call; the answer to a POST on a path ending so is lost on the way back, as a reset after the request. */
    private record LosesTheAnswer(ApiTransport real, String pathEnd) implements ApiTransport {
        @Override
        public ApiResponse call(ApiRequest request) {
            ApiResponse answer = real.call(request);
            if (request.method().equals("POST") && request.path().endsWith(pathEnd)) {
                throw new PveConnectionException(PveConnectionException.Kind.PROTOCOL, java.net.URI.create(
                        "https://pve.test:8006"), "Connection reset", Optional.empty(), "clone", null);
            }
            return answer;
        }

        @Override
        public ApiResponse upload(ApiRequest request, MultipartUpload body, String operation, EventSink events) {
            return real.upload(request, body, operation, events);
        }

        @Override
        public String identity() {
            return real.identity();
        }

        @Override
        public void close() {
        }
    }
}
