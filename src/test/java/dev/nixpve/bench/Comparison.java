package dev.nixpve.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one row: a warm-up measurement of the baseline (discarded), then {@code repetitions} rounds
 * that each measure every variant once, the order rotated by one each round, so that no variant
 * always runs first, or always after the same neighbour, while the machine's load drifts.
 */
public final class Comparison {

    private final int repetitions;
    private final boolean warmUp;
    private final Consumer<String> progress;

    public Comparison(int repetitions, boolean warmUp, Consumer<String> progress) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("at least one repetition, not " + repetitions);
        }
        this.repetitions = repetitions;
        this.warmUp = warmUp;
        this.progress = progress;
    }

    public RowResult run(Row row) throws Exception {
        List<Variant> variants = row.variants();
        if (warmUp) {
            Sample discarded = variants.get(0).measure();
            progress.accept(row.name() + "  warm-up  " + describe(variants.get(0), discarded) + "  (discarded)");
        }
        List<List<Sample>> samples = new ArrayList<>();
        variants.forEach(v -> samples.add(new ArrayList<>()));
        for (int round = 0; round < repetitions; round++) {
            for (int i = 0; i < variants.size(); i++) {
                int index = (round + i) % variants.size();
                Variant variant = variants.get(index);
                Sample sample = variant.measure();
                samples.get(index).add(sample);
                progress.accept(row.name() + "  " + (round + 1) + "/" + repetitions + "  " + describe(variant, sample));
            }
        }
        return new RowResult(row.name(), row.title(), row.target(),
                java.util.stream.IntStream.range(0, variants.size())
                        .mapToObj(i -> new RowResult.Measured(variants.get(i), samples.get(i))).toList());
    }

    private static String describe(Variant variant, Sample sample) {
        StringBuilder line = new StringBuilder(variant.label()).append("  ")
                .append(RowResult.seconds(sample.wall().toNanos() / 1e9));
        sample.counts().forEach((name, count) -> line.append(", ").append(count).append(' ').append(name));
        return line.toString();
    }
}
