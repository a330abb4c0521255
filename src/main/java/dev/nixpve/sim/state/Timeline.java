package dev.nixpve.sim.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Everything that happens later in the simulator (a task finishing, an installer moving to its
 * next phase, a guest powering off) is an event on this timeline, run lazily when a request
 * arrives and the clock has passed it. So tests drive time with a fake clock and never sleep.
 * Not thread-safe: the cluster's lock guards it.
 */
public final class Timeline {

    private record Scheduled(Instant at, long sequence, Runnable action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final Clock clock;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long sequence;
    private Instant runningEventTime;

    public Timeline(Clock clock) {
        this.clock = clock;
    }

    /** The clock's time, or while an event runs, the time it was due: chained events stay exact. */
    public Instant now() {
        return runningEventTime != null ? runningEventTime : clock.instant();
    }

    public void at(Instant when, Runnable action) {
        queue.add(new Scheduled(when, sequence++, action));
    }

    public void after(Duration delay, Runnable action) {
        at(now().plus(delay), action);
    }

    /** Runs, in order, every event due by now, including events those events schedule. */
    public void runDue() {
        Instant now = clock.instant();
        while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
            Scheduled next = queue.poll();
            runningEventTime = next.at();
            try {
                next.action().run();
            } finally {
                runningEventTime = null;
            }
        }
    }
}
