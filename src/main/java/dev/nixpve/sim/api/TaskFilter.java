package dev.nixpve.sim.api;

import dev.nixpve.sim.state.SimTask;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of {@code GET /nodes/{node}/tasks} with pve-manager PVE/API2/Tasks.pm's defaults:
 * start 0, limit 50, source archive; {@code errors=1} drops tasks that ended OK; {@code statusfilter}
 * (without {@code errors}) keeps only the listed status types (ok, warning, error, unknown), as
 * pve-common's PVE/UPID.pm normalize_status_type sorts an exit status.
 */
record TaskFilter(int start, int limit, String source, Optional<String> user, Optional<String> type,
                  Optional<String> vmid, Optional<Long> since, Optional<Long> until, Set<String> statuses) {

    static TaskFilter of(Call call) {
        Set<String> statuses = new HashSet<>(Set.of("ok", "warning", "error", "unknown"));
        boolean errors = call.flag("errors", false);
        if (call.param("statusfilter").isPresent() && !errors) {
            statuses.clear();
            call.list("statusfilter").forEach(s -> statuses.add(s.toLowerCase(Locale.ROOT)));
        } else if (errors) {
            statuses.remove("ok");
        }
        return new TaskFilter(call.integer("start").orElse(0), call.integer("limit").orElse(50),
                call.param("source").orElse("archive"), call.param("userfilter"), call.param("typefilter"),
                call.param("vmid"), call.param("since").map(Long::parseLong), call.param("until").map(Long::parseLong),
                Set.copyOf(statuses));
    }

    boolean active() {
        return source.equals("active") || source.equals("all");
    }

    boolean archive() {
        return !source.equals("active");
    }

    /** {@code entry} is the task as listed (its user without the token). */
    boolean matches(Map<String, Object> entry, SimTask task) {
        String taskUser = (String) entry.get("user");
        if (user.isPresent() && !taskUser.toLowerCase(Locale.ROOT).contains(user.get().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (type.isPresent() && !task.type().equals(type.get())) {
            return false;
        }
        if (vmid.isPresent() && !task.id().equals(vmid.get())) {
            return false;
        }
        long started = task.startTime().getEpochSecond();
        if (since.isPresent() && started < since.get() || until.isPresent() && started > until.get()) {
            return false;
        }
        return statuses.contains(statusType(task.exitStatus()));
    }

    static String statusType(Optional<String> exitStatus) {
        if (exitStatus.isEmpty() || exitStatus.get().isEmpty() || exitStatus.get().equals("unexpected status")) {
            return "unknown";
        }
        if (exitStatus.get().equals("OK")) {
            return "ok";
        }
        return exitStatus.get().matches("WARNINGS: \\d+") ? "warning" : "error";
    }
}
