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

    private List<Map<String, Object>> list(Call call) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (SimTask task : context.cluster().tasks().all()) {
            if (task.node().equals(call.node()) && visible(call, task)) {
                Map<String, Object> entry = status(task);
                entry.put("status", task.exitStatus().orElse("running"));
                task.endTime().ifPresent(end -> entry.put("endtime", end.getEpochSecond()));
                result.add(entry);
            }
        }
        java.util.Collections.reverse(result);
        return result;
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
        return task.user().equals(call.principal().taskOwner())
                || task.user().startsWith(call.principal().userid() + "!") && call.principal().tokenid().isEmpty()
                || call.principal().grants().has("/nodes/" + call.node(), "Sys.Audit");
    }
}
