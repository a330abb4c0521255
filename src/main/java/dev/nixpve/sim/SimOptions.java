package dev.nixpve.sim;

import dev.nixpve.sim.api.SimVersion;
import dev.nixpve.sim.http.SimHttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * How to run the simulator. Tests pass a fake clock (tasks and installs advance with it) and a
 * delayer that does not sleep; {@code nixpve sim} and {@code --demo} use the real ones.
 */
public record SimOptions(int port, List<String> nodes, Duration installTime, List<String> faults, SimVersion version,
                         Clock clock, SimHttpServer.Delayer delayer, Consumer<String> log) {

    public static final List<String> DEFAULT_NODES = List.of("pve1", "pve2");
    public static final Duration DEFAULT_INSTALL_TIME = Duration.ofSeconds(60);

    public SimOptions {
        nodes = List.copyOf(nodes);
        faults = List.copyOf(faults);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs at least one node");
        }
        for (String node : nodes) {
            if (!node.matches("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?")) {
                throw new IllegalArgumentException("'" + node + "' is not a valid PVE node name");
            }
        }
        if (installTime.isNegative() || installTime.isZero()) {
            throw new IllegalArgumentException("the install time must be positive");
        }
    }

    /** Real time on an ephemeral port: what tests that do not need a fake clock use. */
    public static SimOptions defaults() {
        return new SimOptions(0, DEFAULT_NODES, DEFAULT_INSTALL_TIME, List.of(), SimVersion.PVE_9_1,
                Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()), message -> { });
    }

    public SimOptions withPort(int value) {
        return new SimOptions(value, nodes, installTime, faults, version, clock, delayer, log);
    }

    public SimOptions withClock(Clock value) {
        return new SimOptions(port, nodes, installTime, faults, version, value, delayer, log);
    }

    public SimOptions withDelayer(SimHttpServer.Delayer value) {
        return new SimOptions(port, nodes, installTime, faults, version, clock, value, log);
    }

    public SimOptions withInstallTime(Duration value) {
        return new SimOptions(port, nodes, value, faults, version, clock, delayer, log);
    }

    public SimOptions withFaults(List<String> value) {
        return new SimOptions(port, nodes, installTime, value, version, clock, delayer, log);
    }

    public SimOptions withNodes(List<String> value) {
        return new SimOptions(port, value, installTime, faults, version, clock, delayer, log);
    }

    public SimOptions withVersion(SimVersion value) {
        return new SimOptions(port, nodes, installTime, faults, value, clock, delayer, log);
    }

    public SimOptions withLog(Consumer<String> value) {
        return new SimOptions(port, nodes, installTime, faults, version, clock, delayer, value);
    }
}
