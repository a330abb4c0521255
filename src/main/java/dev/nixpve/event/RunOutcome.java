package dev.nixpve.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a run ended, as the journal, the build report and the metrics name it. */
public enum RunOutcome {
    /** A new template was built, verified and published. */
    SUCCEEDED,
    /** The template was current already: nothing was created. A success. */
    UNCHANGED,
    /** The run failed; what it made was removed (or kept with --keep-failed). */
    FAILED,
    /** Another live run holds the image's lock on this node: this one did nothing. */
    LOCKED;

    /** The lower-case name written to journals, reports, JSON log lines and metric labels. */
    @JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean success() {
        return this == SUCCEEDED || this == UNCHANGED;
    }
}
