package dev.nixpve.sim.fault;

import dev.nixpve.monitor.InstallProgress.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The faults in force, parsed from {@code --fault} specs or added by tests. Faults with a count
 * are used up as they strike. Thread-safe, because the HTTP layer consults it outside the
 * cluster's lock (upload resets happen mid-stream).
 */
public final class Faults {

    private final List<Fault> active = new ArrayList<>();
    /** A token-expire=after: fault struck: credentials stopped working (until the faults are cleared). */
    private boolean credentialsExpired;

    public static Faults parse(List<String> specs) {
        Faults faults = new Faults();
        specs.forEach(spec -> faults.add(Fault.parse(spec)));
        return faults;
    }

    /** Parses one spec, throwing IllegalArgumentException with the list of valid specs when it is wrong. */
    public static Fault parseOne(String spec) {
        return Fault.parse(spec);
    }

    public synchronized Faults add(Fault fault) {
        active.add(fault);
        return this;
    }

    public synchronized void add(String spec) {
        active.add(Fault.parse(spec));
    }

    public synchronized void clear() {
        active.clear();
        credentialsExpired = false;
    }

    public synchronized List<Fault> active() {
        return List.copyOf(active);
    }

    public synchronized GuestFaults guestFaults() {
        Optional<Phase> failAt = of(Fault.InstallFail.class).stream().map(Fault.InstallFail::phase).findFirst();
        return new GuestFaults(failAt, !of(Fault.InstallHang.class).isEmpty(), !of(Fault.AgentSilent.class).isEmpty());
    }

    /** Whether this upload's connection is to be reset; uses up one count. */
    public synchronized boolean takeUploadReset() {
        return takeOne(Fault.UploadReset.class, Fault.UploadReset::count, Fault.UploadReset::new);
    }

    /** Whether this upload's answer is to be lost after its task started; uses up one count. */
    public synchronized boolean takeUploadAnswerLost() {
        return takeOne(Fault.UploadAnswerLost.class, Fault.UploadAnswerLost::count, Fault.UploadAnswerLost::new);
    }

    /** Whether a fault of this counted kind is in force; if so it is used up once (made again with one count less). */
    private <T extends Fault> boolean takeOne(Class<T> type, java.util.function.ToIntFunction<T> count,
                                              java.util.function.IntFunction<T> withCount) {
        for (T fault : of(type)) {
            active.remove(fault);
            if (count.applyAsInt(fault) > 1) {
                active.add(withCount.apply(count.applyAsInt(fault) - 1));
            }
            return true;
        }
        return false;
    }

    /** Whether this request is to fail with an injected 500; uses up one count. */
    public synchronized boolean takeHttp500(String method, String path) {
        for (Fault.Http500 fault : of(Fault.Http500.class)) {
            if (fault.matches(method, path)) {
                if (fault.count() > 0) {
                    active.remove(fault);
                    if (fault.count() > 1) {
                        active.add(new Fault.Http500(fault.method(), fault.pathGlob(), fault.count() - 1));
                    }
                }
                return true;
            }
        }
        return false;
    }

    public synchronized Optional<String> taskFailure(String taskType) {
        return of(Fault.TaskFail.class).stream().filter(f -> f.taskType().equals(taskType))
                .map(Fault.TaskFail::exitStatus).findFirst();
    }

    public synchronized boolean takeNextidRace() {
        return of(Fault.NextidRace.class).stream().findFirst().map(active::remove).orElse(false);
    }

    public synchronized Optional<String> lockOf(int vmid) {
        return of(Fault.Lock.class).stream().filter(f -> f.vmid() == vmid).map(Fault.Lock::kind).findFirst();
    }

    public synchronized Optional<Duration> credentialsExpireAfter() {
        return of(Fault.TokenExpire.class).stream().map(Fault.TokenExpire::after).findFirst();
    }

    /** Whether a token-expire=after: fault has struck: no token or ticket works any more. */
    public synchronized boolean credentialsExpired() {
        return credentialsExpired;
    }

    /** A request was answered; a token-expire=after: fault it matches counts it, and strikes at its count. */
    public synchronized void answered(String method, String path) {
        for (Fault.TokenExpireAfterCall fault : of(Fault.TokenExpireAfterCall.class)) {
            if (fault.matches(method, path)) {
                active.remove(fault);
                if (fault.count() > 1) {
                    active.add(new Fault.TokenExpireAfterCall(fault.method(), fault.pathGlob(), fault.count() - 1));
                } else {
                    credentialsExpired = true;
                }
                return;
            }
        }
    }

    /** The node-offline faults in force, standing or timed. */
    public synchronized List<Fault.NodeOffline> nodeOutages() {
        return of(Fault.NodeOffline.class);
    }

    public synchronized Set<String> fullStorages() {
        return of(Fault.StorageFull.class).stream().map(Fault.StorageFull::storage).collect(Collectors.toSet());
    }

    private <T extends Fault> List<T> of(Class<T> type) {
        return active.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
