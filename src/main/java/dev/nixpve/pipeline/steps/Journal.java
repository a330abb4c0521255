package dev.nixpve.pipeline.steps;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.JournalEvent.Action;
import dev.nixpve.journal.JournalLine.Kind;
import dev.nixpve.journal.Resource;
import dev.nixpve.journal.RunJournal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a run created and removed on the Proxmox side, in order, written to the run's journal file
 * as it happens: an intent before each call that creates something, then the outcome. Each
 * creation comes with how to undo it (and optionally how to keep it for inspection);
 * {@link #rollback} undoes whatever was not committed, newest first, and records what could not
 * be undone. What this process never gets to undo (it is killed), the next run's recovery reads.
 */
public final class Journal {

    /** Undoes or marks one created resource. */
    @FunctionalInterface
    public interface Undo {
        void run() throws Exception;
    }

    public record Entry(Action action, String what, Instant at) {
    }

    private record Pending(Resource resource, String what, Undo undo, Optional<Undo> keep) {
    }

    /**
     * Something this run set out to make (or took over), as far as this journal knows:
     * {@code label} says what it is ("installer VM", "ISO"), {@code made} whether PVE confirmed it,
     * {@code kept} whether the run means it to stay (committed, or kept with --keep-failed),
     * {@code removed} whether it was removed again. What the cluster really holds, only a read
     * of it says ({@link Leftovers}).
     */
    public record Touched(Resource resource, String label, boolean made, boolean kept, boolean removed) {

        Touched with(boolean made, boolean kept, boolean removed) {
            return new Touched(resource, label, made, kept, removed);
        }

        Touched as(String newLabel) {
            return new Touched(resource, newLabel, made, kept, removed);
        }
    }

    private final Clock clock;
    private final EventSink events;
    private final RunJournal disk;
    private final List<Entry> entries = new ArrayList<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final Map<Resource, Touched> touched = new LinkedHashMap<>();

    public Journal(Clock clock, EventSink events, RunJournal disk) {
        this.clock = clock;
        this.events = events;
        this.disk = disk;
    }

    /** About to create {@code resource}: on the disk before the call, so a kill during it is seen. */
    public void intent(Resource resource, String label) {
        disk.intent(resource, label);
        synchronized (touched) {
            touched.put(resource, new Touched(resource, label, false, false, false));
        }
    }

    /** PVE made it; {@code undo} removes it on rollback, {@code keep} marks it when asked to keep. */
    public void created(Resource resource, String label, Undo undo, Optional<Undo> keep) {
        take(Kind.CREATED, Action.CREATED, resource, label, new Pending(resource, describe(label, resource), undo, keep));
    }

    /**
     * A dead run's VM this run takes over to finish: from here it is this run's, undone or kept on
     * failure like one it created, and a kill leaves it to the next run's recovery.
     */
    public void adopted(Resource resource, String label, Undo undo, Optional<Undo> keep) {
        take(Kind.ADOPTED, Action.ADOPTED, resource, label, new Pending(resource, describe(label, resource), undo, keep));
    }

    /** Makes {@code item} this run's to undo: on the disk first, then reported, then pending. */
    private void take(Kind kind, Action action, Resource resource, String label, Pending item) {
        disk.outcome(kind, resource, label);
        mark(resource, label, t -> t.with(true, false, false));
        record(action, item.what());
        pending.push(item);
    }

    /** The install in {@code vm} finished, as the installer said: a later run may finalize it. */
    public void installed(Resource.Vm vm, String buildTag) {
        disk.outcome(Kind.INSTALLED, vm, buildTag);
    }

    /**
     * What {@code resource} is now (an installer VM converted to a template, a template tagged
     * failed): how a failed run names it when the cluster cannot be read after the cleanup.
     */
    public void relabel(Resource resource, String label) {
        markIfTouched(resource, t -> t.as(label));
    }

    /** The create call failed: there is nothing to undo. */
    public void notCreated(Resource resource, String why) {
        disk.outcome(Kind.NOT_CREATED, resource, why);
        synchronized (touched) {
            touched.remove(resource); // its VMID is another's now
        }
    }

    /** Wanted now (a verified template, a cached ISO): a later failure must not remove it. */
    public void commit(Resource resource) {
        disk.outcome(Kind.COMMITTED, resource, null);
        pending.removeIf(p -> p.resource().equals(resource));
        mark(resource, "", t -> t.with(t.made(), true, false));
    }

    /** Removes a resource this run created, now, as part of the plan (e.g. the smoke-test clone). */
    public void release(Resource resource) throws Exception {
        Optional<Pending> found = pending.stream().filter(p -> p.resource().equals(resource)).findFirst();
        if (found.isPresent()) {
            found.get().undo().run();
            pending.remove(found.get());
            disk.outcome(Kind.REMOVED, resource, "by plan");
            mark(resource, "", t -> t.with(t.made(), false, true));
            record(Action.REMOVED, found.get().what());
        }
    }

    /** A resource removed that this run did not create (retention, recovery). */
    public void removed(Resource resource, String what) {
        disk.outcome(Kind.REMOVED, resource, what);
        markIfTouched(resource, t -> t.with(t.made(), false, true));
        record(Action.REMOVED, what);
    }

    /** A resource kept that this run did not create (recovery with --keep-failed). */
    public void kept(Resource resource, String what) {
        disk.outcome(Kind.KEPT, resource, what);
        record(Action.KEPT, what);
    }

    /** Undoes everything not committed, newest first; with {@code keepFailed}, marks keepable ones instead. */
    public List<Entry> rollback(boolean keepFailed) {
        List<Entry> cleanup = new ArrayList<>();
        while (!pending.isEmpty()) {
            Pending item = pending.pop();
            try {
                if (keepFailed && item.keep().isPresent()) {
                    item.keep().get().run();
                    disk.outcome(Kind.KEPT, item.resource(), "--keep-failed");
                    markIfTouched(item.resource(), t -> t.with(t.made(), true, false));
                    cleanup.add(record(Action.KEPT, item.what()));
                } else {
                    item.undo().run();
                    disk.outcome(Kind.REMOVED, item.resource(), "cleanup");
                    markIfTouched(item.resource(), t -> t.with(t.made(), false, true));
                    cleanup.add(record(Action.REMOVED, item.what()));
                }
            } catch (Exception e) {
                disk.outcome(Kind.LEFT_BEHIND, item.resource(), e.getMessage());
                cleanup.add(record(Action.LEFT_BEHIND, item.what() + " (could not be removed: " + e.getMessage()
                        + "; remove it by hand)"));
            }
        }
        return cleanup;
    }

    /** The time as this journal records it. */
    public Instant now() {
        return clock.instant();
    }

    /** This run's id, which its VMs carry as a tag. */
    public dev.nixpve.journal.RunId run() {
        return disk.run();
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Everything this run set out to make or took over, in the order it did, and what became of it. */
    public List<Touched> touched() {
        synchronized (touched) {
            return List.copyOf(touched.values());
        }
    }

    /** {@code label}: what it is, when this is the first the journal hears of it (an adopted VM). */
    private void mark(Resource resource, String label, UnaryOperator<Touched> change) {
        synchronized (touched) {
            Touched now = touched.getOrDefault(resource, new Touched(resource, label, false, false, false));
            touched.put(resource, change.apply(now));
        }
    }

    private void markIfTouched(Resource resource, UnaryOperator<Touched> change) {
        synchronized (touched) {
            touched.computeIfPresent(resource, (r, t) -> change.apply(t));
        }
    }

    private static String describe(String label, Resource resource) {
        return label.isEmpty() ? resource.describe() : label + " " + resource.describe();
    }

    private Entry record(Action action, String what) {
        Entry entry = new Entry(action, what, clock.instant());
        entries.add(entry);
        events.emit(new JournalEvent(action, what));
        return entry;
    }
}
