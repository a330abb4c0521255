package dev.nixpve.bench;

/**
 * One side of a row's comparison: the baseline, or a figure measured against it. Each call of
 * {@link Measurement#measure()} sets up afresh, times only what the row is about, and cleans up.
 *
 * @param label       how the table names it, e.g. "4 nodes"
 * @param targetRatio the largest median wall-time ratio to the baseline that meets the row's target;
 *                    {@code Double.NaN} for the baseline, or where the row sets no target
 * @param targetTime  the longest median wall time that meets the target, where the issue sets one
 *                    in seconds rather than as a ratio
 */
public record Variant(String label, double targetRatio, java.util.Optional<java.time.Duration> targetTime,
                      Measurement measurement) {

    public Variant(String label, double targetRatio, Measurement measurement) {
        this(label, targetRatio, java.util.Optional.empty(), measurement);
    }

    /** A figure whose target is a median wall time of at most {@code limit}. */
    public static Variant within(String label, java.time.Duration limit, Measurement measurement) {
        return new Variant(label, Double.NaN, java.util.Optional.of(limit), measurement);
    }

    @FunctionalInterface
    public interface Measurement {
        Sample measure() throws Exception;
    }

    public static Variant baseline(String label, Measurement measurement) {
        return new Variant(label, Double.NaN, measurement);
    }

    public Sample measure() throws Exception {
        return measurement.measure();
    }

    public boolean hasTarget() {
        return !Double.isNaN(targetRatio) || targetTime.isPresent();
    }
}
