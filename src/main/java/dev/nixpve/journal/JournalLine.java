package dev.nixpve.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a run's journal. A run starts with {@link Kind#RUN_STARTED} (who and what), writes
 * {@link Kind#INTENT} before each call that creates something, then the outcome, and ends with
 * {@link Kind#RUN_ENDED}; a journal without that last line belongs to a run that never finished.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalLine(RunId run, Instant at, Kind kind, Resource resource, String detail) {

    public enum Kind {
        /** The run began; {@code detail} says which command, image and node, and which process. */
        RUN_STARTED,
        /** About to create {@code resource}: the call may or may not have reached PVE. */
        INTENT,
        /** PVE confirmed the creation. */
        CREATED,
        /** The install in this VM finished (the installer said done and powered off); {@code detail} is the build tag. */
        INSTALLED,
        /** This run took over a dead run's VM to finish it (finalize or test it) rather than build anew. */
        ADOPTED,
        /** The call failed and PVE made nothing (e.g. the VMID was taken meanwhile). */
        NOT_CREATED,
        /** Wanted for good (a verified template, a cached ISO): no cleanup may remove it. */
        COMMITTED,
        /** Removed, by this run's plan, its cleanup, or a later run's recovery. */
        REMOVED,
        /** Kept after a failure for inspection (--keep-failed), tagged failed. */
        KEPT,
        /** Cleanup tried and failed: {@code detail} says why; it is still on the cluster. */
        LEFT_BEHIND,
        /** The run is over; {@code detail} is its outcome. Recovery ignores ended journals. */
        RUN_ENDED
    }

    public JournalLine {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }
}
