package dev.nixpve.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series nixpve exports, as src/test/resources/dev/nixpve/metrics/exported-metrics.txt lists
 * them, and the metric names an expression (PromQL, or a Grafana variable query) uses.
 */
final class MetricsContract {

    static final Path FILE = Path.of("src/test/resources/dev/nixpve/metrics/exported-metrics.txt");

    private static final Pattern METRIC_NAME = Pattern.compile("nixpve_[a-z_]+");
    private static final Pattern SUMMARY_PART = Pattern.compile("_(count|sum|max)$");

    private MetricsContract() {
    }

    /** Every metric name in the contract: the part of each line before its labels. */
    static Set<String> names() {
        Set<String> names = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                names.add(trimmed.substring(0, trimmed.indexOf('{')));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The nixpve_ metric names {@code expression} uses. */
    static Set<String> namesIn(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC_NAME.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /**
     * A name without the _count, _sum or _max of a Micrometer summary: showing one of a summary's
     * series shows the summary.
     */
    static String family(String name) {
        return SUMMARY_PART.matcher(name).replaceFirst("");
    }
}
