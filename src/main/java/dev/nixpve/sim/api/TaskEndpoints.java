package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.SimTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Task list, status, log and stop. A token sees only its own tasks unless it has Sys.Audit on
 * the node; an unknown or unparsable UPID is a 400 on {@code upid}.
 */
final class TaskEndpoints {

    private static final Pattern UPID = Pattern.compile("^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):"
            + "([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\\s/]+):([^:\\s/]*):([^:\\s/]+):$");
    private static final String TASK = "/nodes/{node}/tasks/{upid}";

    private final ApiContext context;

    TaskEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/nodes/{node}/tasks", this::list));
        routes.add(new Route("GET", TASK + "/status", call -> status(task(call))));
        routes.add(new Route("GET", TASK + "/log", this::log));
        routes.add(new Route("DELETE", TASK, call -> {
            context.cluster().tasks().stop(task(call));
            return null;
        }));
    }

    /**
     * Tasks.pm node_tasks: the archive (finished tasks, newest first) by default, running ones with
     * {@code source=active} or {@code all}; filtered by user (a substring, any case), type, VM id,
     * start time and status type; then {@code start} skipped and {@code limit} (default 50, 0 for
     * none) kept. {@code total} counts every task the filters let through.
     */
    private PveApi.WithTotal list(Call call) {
        TaskFilter filter = TaskFilter.of(call);
        List<SimTask> tasks = new ArrayList<>();
        for (SimTask task : context.cluster().tasks().all()) {
            if (task.node().equals(call.node())) {
                tasks.add(task);
            }
        }
        List<SimTask> ordered = new ArrayList<>();
        if (filter.active()) {
            tasks.stream().filter(SimTask::running).forEach(ordered::add);
        }
        if (filter.archive()) {
            List<SimTask> archive = new ArrayList<>(tasks.stream().filter(t -> !t.running()).toList());
            java.util.Collections.reverse(archive);
            ordered.addAll(archive);
        }
        boolean auditor = call.principal().grants().has("/nodes/" + call.node(), "Sys.Audit");
        int count = 0;
        int limit = filter.limit();
        List<Map<String, Object>> result = new ArrayList<>();
        for (SimTask task : ordered) {
            Map<String, Object> entry = listed(task);
            if (!filter.matches(entry, task) || !(auditor || ownTask(call, task))) {
                continue;
            }
            if (count++ < filter.start() || limit <= 0) {
                continue;
            }
            result.add(entry);
            limit--;
        }
        return new PveApi.WithTotal(result, count);
    }

    /** A task as the task index files list it: its UPID's fields, end time and status once it ended, else RUNNING. */
    static Map<String, Object> listed(SimTask task) {
        Map<String, Object> entry = status(task);
        entry.remove("exitstatus");
        entry.put("status", task.exitStatus().orElse("RUNNING"));
        task.endTime().ifPresent(end -> entry.put("endtime", end.getEpochSecond()));
        return entry;
    }

    static Map<String, Object> status(SimTask task) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("upid", task.upid());
        entry.put("node", task.node());
        entry.put("pid", task.pid());
        entry.put("pstart", task.pstart());
        entry.put("starttime", task.startTime().getEpochSecond());
        entry.put("type", task.type());
        entry.put("id", task.id());
        int bang = task.user().indexOf('!');
        entry.put("user", bang < 0 ? task.user() : task.user().substring(0, bang));
        if (bang >= 0) {
            entry.put("tokenid", task.user().substring(bang + 1));
        }
        entry.put("status", task.running() ? "running" : "stopped");
        task.exitStatus().ifPresent(exit -> entry.put("exitstatus", exit));
        return entry;
    }

    /** {@code start} is 0-based, {@code limit} defaults to 50 (0 means all); an empty log says "no content". */
    private Object log(Call call) {
        SimTask task = task(call);
        List<String> lines = task.log();
        int start = call.integer("start").orElse(0);
        int limit = call.integer("limit").orElse(50);
        List<Map<String, Object>> data = new ArrayList<>();
        if (lines.isEmpty()) {
            data.add(Map.of("n", 1, "t", "no content"));
        }
        for (int i = start; i < lines.size() && (limit == 0 || i < start + limit); i++) {
            data.add(Map.of("n", i + 1, "t", lines.get(i)));
        }
        return new PveApi.WithTotal(data, Math.max(1, lines.size()));
    }

    private SimTask task(Call call) {
        String upid = call.path("upid");
        if (!UPID.matcher(upid).matches()) {
            throw PveError.parameter("upid", "unable to parse worker upid '" + upid + "'");
        }
        SimTask task = context.cluster().tasks().find(upid)
                .filter(t -> t.node().equals(call.node()))
                .orElseThrow(() -> PveError.parameter("upid", "no such task"));
        if (!visible(call, task)) {
            throw PveError.permission("/nodes/" + call.node(), "Sys.Audit");
        }
        return task;
    }

    private static boolean visible(Call call, SimTask task) {
        return ownTask(call, task) || call.principal().grants().has("/nodes/" + call.node(), "Sys.Audit");
    }

    /** Tasks.pm check_task_user: a token sees its own tasks, a user also those of its tokens. */
    private static boolean ownTask(Call call, SimTask task) {
        return task.user().equals(call.principal().taskOwner())
                || task.user().startsWith(call.principal().userid() + "!") && call.principal().tokenid().isEmpty();
    }
}
