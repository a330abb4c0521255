package dev.nixpve.sim.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The cluster's task list. A task runs for a realistic time on the {@link Timeline}, then its
 * work completes it, or a {@code task-fail} fault or a {@link TaskFailure} fails it and its work
 * rolls back.
 */
public final class Tasks {

    private final Timeline timeline;
    private final Function<String, Optional<String>> injectedFailure;
    private final Consumer<SimTask> ended;
    private final Map<String, SimTask> byUpid = new LinkedHashMap<>();
    private final Map<SimTask, TaskWork> running = new LinkedHashMap<>();
    private long nextPid = 0x1F00;

    /**
     * @param injectedFailure task type → the exitstatus a fault forces on tasks of that type
     * @param ended told of every task that ends, after its work (what a timed node-offline fault counts)
     */
    public Tasks(Timeline timeline, Function<String, Optional<String>> injectedFailure, Consumer<SimTask> ended) {
        this.timeline = timeline;
        this.injectedFailure = injectedFailure;
        this.ended = ended;
    }

    public SimTask start(String node, String type, String id, String user, Duration duration, TaskWork work) {
        long pid = nextPid++;
        SimTask task = new SimTask(node, pid, 0x9000 + pid * 7, timeline.now(), type, id, user);
        byUpid.put(task.upid(), task);
        running.put(task, work);
        timeline.after(duration, () -> finish(task));
        return task;
    }

    public Optional<SimTask> find(String upid) {
        return Optional.ofNullable(byUpid.get(upid));
    }

    public List<SimTask> all() {
        return new ArrayList<>(byUpid.values());
    }

    /** {@code DELETE /nodes/{node}/tasks/{upid}}: the worker is killed and rolls back. */
    public void stop(SimTask task) {
        if (running.containsKey(task)) {
            fail(task, "interrupted by signal");
            ended.accept(task);
        }
    }

    /**
     * The node died: its workers die with it, in the middle of their work and without rolling back
     * (a clone's half-made VM keeps its lock), and their logs end without a TASK line.
     */
    void abandon(String node) {
        running.keySet().removeIf(task -> {
            if (task.node().equals(node)) {
                task.abandon();
                return true;
            }
            return false;
        });
    }

    private void finish(SimTask task) {
        TaskWork work = running.remove(task);
        if (work == null) {
            return;
        }
        Optional<String> forced = injectedFailure.apply(task.type());
        if (forced.isPresent()) {
            running.put(task, work);
            fail(task, forced.get());
        } else {
            try {
                work.complete(task);
                task.succeed(timeline.now());
            } catch (TaskFailure failure) {
                work.rollback(task);
                task.fail(timeline.now(), failure.getMessage());
            }
        }
        ended.accept(task);
    }

    private void fail(SimTask task, String exitStatus) {
        TaskWork work = running.remove(task);
        if (work != null) {
            work.rollback(task);
            task.fail(timeline.now(), exitStatus);
        }
    }
}
