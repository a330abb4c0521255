package dev.nixpve.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Prometheus text: the series in it, and the contract file of what nixpve exports. */
public final class MetricsFiles {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private MetricsFiles() {
    }

    /** One sample line: name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public static List<Sample> samples(String text) {
        return text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> {
            Matcher m = SAMPLE.matcher(l);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + l);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher label = LABEL.matcher(m.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            return new Sample(m.group(1), labels, Double.parseDouble(m.group(4)));
        }).toList();
    }

    /** name -> label names, as in exported-metrics.txt (without image and node, which every series has). */
    public static Map<String, Set<String>> contract() {
        try (InputStream in = MetricsFiles.class.getResourceAsStream("exported-metrics.txt")) {
            Map<String, Set<String>> contract = new TreeMap<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.replaceAll("\\s*#.*", "").strip())
                    .forEach(l -> {
                        String name = l.substring(0, l.indexOf('{'));
                        String labels = l.substring(l.indexOf('{') + 1, l.indexOf('}'));
                        Set<String> names = new TreeSet<>();
                        for (String label : labels.split(",")) {
                            if (!label.isBlank()) {
                                names.add(label.strip());
                            }
                        }
                        contract.put(name, names);
                    });
            return contract;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same shape from real output: name -> label names, without image and node. */
    public static Map<String, Set<String>> shape(List<Sample> samples) {
        Map<String, Set<String>> shape = new TreeMap<>();
        for (Sample sample : samples) {
            Set<String> names = new TreeSet<>(sample.labels().keySet());
            names.remove("image");
            names.remove("node");
            shape.put(sample.name(), names);
        }
        return shape;
    }
}
