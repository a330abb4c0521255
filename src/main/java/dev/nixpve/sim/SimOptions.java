package dev.nixpve.sim;

import dev.nixpve.sim.api.SimVersion;
import dev.nixpve.sim.http.SimHttpServer;
import dev.nixpve.sim.state.SharedStorageSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * How to run the simulator. Tests pass a fake clock (tasks and installs advance with it) and a
 * delayer that does not sleep; {@code nixpve sim} and {@code --demo} use the real ones. Besides
 * each node's {@code local} and {@code local-lvm}, the cluster has the shared storages listed
 * (none by default).
 */
public record SimOptions(int port, List<String> nodes, List<SharedStorageSpec> sharedStorages, Duration installTime,
                         List<String> faults, SimVersion version, Clock clock, SimHttpServer.Delayer delayer,
                         Consumer<String> log) {

    public static final List<String> DEFAULT_NODES = List.of("pve1", "pve2");
    public static final Duration DEFAULT_INSTALL_TIME = Duration.ofSeconds(60);

    public SimOptions {
        nodes = List.copyOf(nodes);
        sharedStorages = List.copyOf(sharedStorages);
        faults = List.copyOf(faults);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs at least one node");
        }
        for (String node : nodes) {
            if (!node.matches("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?")) {
                throw new IllegalArgumentException("'" + node + "' is not a valid PVE node name");
            }
        }
        java.util.Set<String> ids = new java.util.HashSet<>(List.of("local", "local-lvm"));
        for (SharedStorageSpec storage : sharedStorages) {
            if (!ids.add(storage.id())) {
                throw new IllegalArgumentException("storage ID '" + storage.id() + "' already defined");
            }
            for (String node : storage.nodes()) {
                if (!nodes.contains(node)) {
                    throw new IllegalArgumentException("shared storage '" + storage.id() + "' names node '" + node
                            + "', which is not one of " + String.join(",", nodes));
                }
            }
        }
        if (installTime.isNegative() || installTime.isZero()) {
            throw new IllegalArgumentException("the install time must be positive");
        }
    }

    /** Real time on an ephemeral port: what tests that do not need a fake clock use. */
    public static SimOptions defaults() {
        return new SimOptions(0, DEFAULT_NODES, List.of(), DEFAULT_INSTALL_TIME, List.of(), SimVersion.PVE_9_1,
                Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()), message -> { });
    }

    public SimOptions withPort(int value) {
        return new SimOptions(value, nodes, sharedStorages, installTime, faults, version, clock, delayer, log);
    }

    public SimOptions withClock(Clock value) {
        return new SimOptions(port, nodes, sharedStorages, installTime, faults, version, value, delayer, log);
    }

    public SimOptions withDelayer(SimHttpServer.Delayer value) {
        return new SimOptions(port, nodes, sharedStorages, installTime, faults, version, clock, value, log);
    }

    public SimOptions withInstallTime(Duration value) {
        return new SimOptions(port, nodes, sharedStorages, value, faults, version, clock, delayer, log);
    }

    public SimOptions withFaults(List<String> value) {
        return new SimOptions(port, nodes, sharedStorages, installTime, value, version, clock, delayer, log);
    }

    public SimOptions withNodes(List<String> value) {
        return new SimOptions(port, value, sharedStorages, installTime, faults, version, clock, delayer, log);
    }

    public SimOptions withVersion(SimVersion value) {
        return new SimOptions(port, nodes, sharedStorages, installTime, faults, value, clock, delayer, log);
    }

    /**
     * Shared storages the cluster has besides each node's own (storage.cfg entries with {@code shared 1});
     * set the nodes first, as the storages' node lists are checked against them.
     */
    public SimOptions withSharedStorages(List<SharedStorageSpec> value) {
        return new SimOptions(port, nodes, value, installTime, faults, version, clock, delayer, log);
    }

    public SimOptions withLog(Consumer<String> value) {
        return new SimOptions(port, nodes, sharedStorages, installTime, faults, version, clock, delayer, value);
    }
}
