package dev.nixpve.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A row's samples, reduced to medians and ratios to the baseline (the first variant), and printed as
 * a Markdown table that docs/benchmarks.md takes as it is.
 */
public record RowResult(String name, String title, String target, List<Measured> variants) {

    public RowResult {
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a row without variants");
        }
    }

    /** A variant and its samples, one per repetition. */
    public record Measured(Variant variant, List<Sample> samples) {

        public Measured {
            samples = List.copyOf(samples);
        }

        public double medianSeconds() {
            return median(samples.stream().map(s -> s.wall().toNanos() / 1e9).toList());
        }

        public double medianCount(String name) {
            return median(samples.stream().map(s -> s.counts().getOrDefault(name, 0L).doubleValue()).toList());
        }

        double minSeconds() {
            return samples.stream().mapToDouble(s -> s.wall().toNanos() / 1e9).min().orElseThrow();
        }

        double maxSeconds() {
            return samples.stream().mapToDouble(s -> s.wall().toNanos() / 1e9).max().orElseThrow();
        }
    }

    public Measured baseline() {
        return variants.get(0);
    }

    /** The median wall time of {@code measured} over the baseline's. */
    public double ratio(Measured measured) {
        return measured.medianSeconds() / baseline().medianSeconds();
    }

    public boolean meetsTarget(Measured measured) {
        Variant variant = measured.variant();
        return variant.targetTime().map(limit -> measured.medianSeconds() <= limit.toNanos() / 1e9)
                .orElse(!variant.hasTarget() || ratio(measured) <= variant.targetRatio());
    }

    public boolean meetsTarget() {
        return variants.stream().allMatch(this::meetsTarget);
    }

    /** The heading, the target, and the table, in Markdown. */
    public List<String> markdown() {
        Set<String> counts = new LinkedHashSet<>();
        variants.forEach(m -> m.samples().forEach(s -> counts.addAll(s.counts().keySet())));
        List<String> lines = new ArrayList<>();
        lines.add("### " + name + ": " + title);
        lines.add("");
        lines.add("Target: " + target + ". Baseline: " + baseline().variant().label() + ".");
        lines.add("");
        StringBuilder header = new StringBuilder("| | runs | wall time, median | min to max | ratio |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|---:|---:|");
        for (String count : counts) {
            header.append(' ').append(count).append(", median | ratio |");
            rule.append("---:|---:|");
        }
        header.append(" target |");
        rule.append("---|");
        lines.add(header.toString());
        lines.add(rule.toString());
        for (Measured measured : variants) {
            StringBuilder line = new StringBuilder("| ").append(measured.variant().label()).append(" | ")
                    .append(measured.samples().size()).append(" | ").append(seconds(measured.medianSeconds()))
                    .append(" | ").append(seconds(measured.minSeconds())).append(" to ")
                    .append(seconds(measured.maxSeconds())).append(" | ").append(ratio(ratio(measured))).append(" |");
            for (String count : counts) {
                double median = measured.medianCount(count);
                line.append(' ').append(number(median)).append(" | ")
                        .append(ratio(median / baseline().medianCount(count))).append(" |");
            }
            line.append(' ').append(verdict(measured)).append(" |");
            lines.add(line.toString());
        }
        return lines;
    }

    private String verdict(Measured measured) {
        if (!measured.variant().hasTarget()) {
            return measured == baseline() ? "baseline" : "";
        }
        if (measured.variant().targetTime().isPresent()) {
            double limit = measured.variant().targetTime().get().toNanos() / 1e9;
            double median = measured.medianSeconds();
            return median <= limit ? "met (under " + seconds(limit) + ")"
                    : String.format(Locale.ROOT, "MISSED by %.0f%% (under %s)", (median / limit - 1) * 100,
                    seconds(limit));
        }
        double limit = measured.variant().targetRatio();
        double ratio = ratio(measured);
        return ratio <= limit ? "met (at most " + ratio(limit) + ")"
                : String.format(Locale.ROOT, "MISSED by %.0f%% (at most %s)", (ratio / limit - 1) * 100, ratio(limit));
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    private static String ratio(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "n/a";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
