package dev.nixpve.pipeline;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.JournalEvent.Action;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What a run created and removed on the Proxmox side, in order. Each creation comes with how to
 * undo it (and optionally how to keep it for inspection); {@link #rollback} undoes whatever was not
 * committed, newest first, and records what could not be undone with the manual fix.
 */
public final class Journal {

    /** Undoes or marks one created resource. */
    @FunctionalInterface
    public interface Action0 {
        void run() throws Exception;
    }

    public record Entry(Action action, String what, Instant at) {
    }

    private record Pending(String what, Action0 undo, Optional<Action0> keep) {
    }

    private final Clock clock;
    private final EventSink events;
    private final List<Entry> entries = new ArrayList<>();
    private final Deque<Pending> pending = new ArrayDeque<>();

    public Journal(Clock clock, EventSink events) {
        this.clock = clock;
        this.events = events;
    }

    /** Records a creation; {@code undo} removes it on rollback, {@code keep} marks it when asked to keep. */
    public void created(String what, Action0 undo, Optional<Action0> keep) {
        record(Action.CREATED, what);
        pending.push(new Pending(what, undo, keep));
    }

    /** The resource is wanted now (a published template): a later failure must not remove it. */
    public void commit(String what) {
        pending.removeIf(p -> p.what().equals(what));
    }

    /** Removes a resource this run created, now, as part of the plan (e.g. the smoke-test clone). */
    public void release(String what) throws Exception {
        Optional<Pending> found = pending.stream().filter(p -> p.what().equals(what)).findFirst();
        if (found.isPresent()) {
            found.get().undo().run();
            pending.remove(found.get());
            record(Action.REMOVED, what);
        }
    }

    /** A resource removed that this run did not create (retention). */
    public void removed(String what) {
        record(Action.REMOVED, what);
    }

    /** Undoes everything not committed, newest first; with {@code keepFailed}, marks keepable ones instead. */
    public List<Entry> rollback(boolean keepFailed) {
        List<Entry> cleanup = new ArrayList<>();
        while (!pending.isEmpty()) {
            Pending item = pending.pop();
            try {
                if (keepFailed && item.keep().isPresent()) {
                    item.keep().get().run();
                    cleanup.add(record(Action.KEPT, item.what()));
                } else {
                    item.undo().run();
                    cleanup.add(record(Action.REMOVED, item.what()));
                }
            } catch (Exception e) {
                cleanup.add(record(Action.LEFT_BEHIND, item.what() + " (could not be removed: " + e.getMessage()
                        + "; remove it by hand)"));
            }
        }
        return cleanup;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    private Entry record(Action action, String what) {
        Entry entry = new Entry(action, what, clock.instant());
        entries.add(entry);
        events.emit(new JournalEvent(action, what));
        return entry;
    }
}
