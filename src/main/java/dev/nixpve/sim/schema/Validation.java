package dev.nixpve.sim.schema;

/** The outcome of validating one request's parameters: typed values, or PVE's error map. */
public sealed interface Validation {

    /** Every parameter passed; the handler may read them. */
    record Accepted(ValidatedParams params) implements Validation {
    }

    /** Answer 400 {@link ValidationErrors#REASON} with {@code errors}. */
    record Rejected(ValidationErrors errors) implements Validation {
    }
}
