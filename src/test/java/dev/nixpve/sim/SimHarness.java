package dev.nixpve.sim;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.ConfigLoader;
import dev.nixpve.event.EventSink;
import dev.nixpve.testing.FakeClock;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.proxmox.model.TaskStatus;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.proxmox.model.ResourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A simulator on a fake clock with a client pinned to its certificate: tests move time by
 * sleeping on the clock (the task waiter does), never on the wall.
 */
final class SimHarness implements AutoCloseable {

    final FakeClock clock = new FakeClock();
    final PveSimulator simulator;
    final ProxmoxClient client;
    final RawHttps http;

    SimHarness() {
        this(List.of());
    }

    SimHarness(List<String> faults) {
        this(SimOptions.defaults().withFaults(faults));
    }

    SimHarness(SimOptions options) {
        try {
            simulator = PveSimulator.start(options.withClock(clock).withDelayer(duration -> { })
                    .withInstallTime(Duration.ofSeconds(100)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = connect(simulator.environment());
        http = new RawHttps(simulator);
    }

    ProxmoxClient connect(Map<String, String> environment) {
        try {
            var config = new ConfigLoader(new HashMap<>(environment)).load(Optional.empty(), List.of(), Path.of("."));
            return new ProxmoxConnector(clock, clock, EventSink.discard()).connect(config.proxmox());
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    String token() {
        return simulator.apiToken();
    }

    TaskStatus await(Upid upid) {
        return new TaskWaiter(client, clock, clock).await(upid, Duration.ofMinutes(10), Duration.ofSeconds(1),
                ResourceRef.task(upid));
    }

    /** Writes a stand-in installer ISO for {@code buildToken} into {@code dir} and uploads it to pve1's local. */
    TaskStatus uploadInstaller(Path dir, String name, String buildToken) {
        try {
            Path iso = dir.resolve(name);
            dev.nixpve.sim.guest.StandInIso.write(iso, buildToken, "NIXPVE_INSTALLER");
            return await(client.upload("pve1", "local", dev.nixpve.proxmox.model.UploadRequest.iso(iso, name,
                    SimUploadTest.sha256(iso)), EventSink.discard()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    @Override
    public void close() {
        client.close();
        simulator.close();
    }
}
