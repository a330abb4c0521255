package dev.nixpve.bench;

import java.io.IOException;
import java.util.List;

/**
 * One row of the benchmark table (issue 17): a figure and its baseline, measured in the same run.
 * Adding a row is one class implementing this and one line in {@link Rows}.
 */
public interface Row extends AutoCloseable {

    /** What {@code --row} selects it by, e.g. {@code nodes}. */
    String name();

    /** What is measured against what, as the table's heading says it. */
    String title();

    /** The target in words, e.g. "wall time grows far less than linearly". */
    String target();

    /** The baseline first, then what is measured against it. */
    List<Variant> variants();

    /** Releases what the row set up once for all its measurements; most rows set up nothing. */
    @Override
    default void close() throws IOException {
    }
}
