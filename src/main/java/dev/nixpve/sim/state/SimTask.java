package dev.nixpve.sim.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A PVE worker task: UPID, owner, a log that ends in {@code TASK OK}, {@code TASK WARNINGS: n} or
 * {@code TASK ERROR: ...}, and an exitstatus once stopped.
 */
public final class SimTask {

    private final String node;
    private final long pid;
    private final long pstart;
    private final Instant startTime;
    private final String type;
    private final String id;
    private final String user;
    private final String upid;
    private final List<String> log = new ArrayList<>();
    private int warnings;
    private String exitStatus;
    private Instant endTime;

    SimTask(String node, long pid, long pstart, Instant startTime, String type, String id, String user) {
        this.node = node;
        this.pid = pid;
        this.pstart = pstart;
        this.startTime = startTime;
        this.type = type;
        this.id = id;
        this.user = user;
        this.upid = String.format(Locale.ROOT, "UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, pid, pstart,
                startTime.getEpochSecond(), type, id, user);
    }

    public String upid() {
        return upid;
    }

    public String node() {
        return node;
    }

    public long pid() {
        return pid;
    }

    public long pstart() {
        return pstart;
    }

    public Instant startTime() {
        return startTime;
    }

    public String type() {
        return type;
    }

    public String id() {
        return id;
    }

    /** The owner as written in the UPID: {@code user@realm} or {@code user@realm!tokenid}. */
    public String user() {
        return user;
    }

    public boolean running() {
        return exitStatus == null;
    }

    public Optional<String> exitStatus() {
        return Optional.ofNullable(exitStatus);
    }

    public Optional<Instant> endTime() {
        return Optional.ofNullable(endTime);
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    public void log(String line) {
        log.add(line);
    }

    /** PVE's {@code log_warn}: the task still succeeds, with "WARNINGS: n". */
    public void warn(String line) {
        log.add("WARN: " + line);
        warnings++;
    }

    void succeed(Instant at) {
        exitStatus = warnings == 0 ? "OK" : "WARNINGS: " + warnings;
        log.add("TASK " + exitStatus);
        endTime = at;
    }

    /**
     * The worker died with its node: the log's last line is no TASK line, so PVE's read_status
     * reports "unexpected status" (pve-common src/PVE/UPID.pm) once the node is back; there is no
     * end time until then, as nothing wrote one.
     */
    void abandon() {
        exitStatus = "unexpected status";
    }

    void fail(Instant at, String message) {
        String status = message.strip();
        log.add("TASK ERROR: " + status);
        exitStatus = status;
        endTime = at;
    }
}
