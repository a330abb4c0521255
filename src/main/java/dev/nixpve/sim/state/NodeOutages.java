package dev.nixpve.sim.state;

import dev.nixpve.sim.fault.Fault;
import dev.nixpve.sim.fault.Faults;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Puts the node-offline faults on the timeline. A standing fault holds its node down while it is
 * in force. A timed one strikes as an event at its moment, so whatever was due before it (an
 * installer's next phase, a task's end) still happened with the node up, and holds the node down
 * from then on. Removing a fault brings its node back.
 */
final class NodeOutages {

    /** What happens to a node that goes down, and at what time. */
    interface Crash {
        void down(String node, Instant at);
    }

    private final Faults faults;
    private final Timeline timeline;
    private final Instant bootedAt;
    private final Crash crash;
    private final Set<Fault.NodeOffline> armed = new LinkedHashSet<>();
    private final Set<Fault.NodeOffline> struck = new LinkedHashSet<>();
    private final Map<String, Integer> endedTasks = new HashMap<>();

    NodeOutages(Faults faults, Timeline timeline, Instant bootedAt, Crash crash) {
        this.faults = faults;
        this.timeline = timeline;
        this.bootedAt = bootedAt;
        this.crash = crash;
    }

    /** Schedules the timed faults added since the last call; call before running the timeline. */
    void arm() {
        List<Fault.NodeOffline> inForce = faults.nodeOutages();
        armed.retainAll(inForce); // a fault removed and added again is a new outage
        struck.retainAll(inForce);
        for (Fault.NodeOffline fault : inForce) {
            if (fault.standing() || !armed.add(fault)) {
                continue;
            }
            if (fault.afterTasks() == 0) {
                timeline.at(bootedAt.plus(fault.delay()), () -> strike(fault));
            } else if (endedTasks.getOrDefault(fault.node(), 0) >= fault.afterTasks()) {
                timeline.after(fault.delay(), () -> strike(fault));
            }
        }
    }

    /** Counts the node's ended tasks; the one a timed fault waits for starts its delay. */
    void taskEnded(SimTask task) {
        int count = endedTasks.merge(task.node(), 1, Integer::sum);
        for (Fault.NodeOffline fault : armed) {
            if (fault.node().equals(task.node()) && fault.afterTasks() == count) {
                timeline.after(fault.delay(), () -> strike(fault));
            }
        }
    }

    /** The nodes the faults in force hold down now: standing ones, and timed ones that have struck. */
    Set<String> down() {
        return faults.nodeOutages().stream().filter(f -> f.standing() || struck.contains(f))
                .map(Fault.NodeOffline::node).collect(Collectors.toSet());
    }

    private void strike(Fault.NodeOffline fault) {
        if (faults.nodeOutages().contains(fault)) {
            struck.add(fault);
            crash.down(fault.node(), timeline.now());
        }
    }
}
