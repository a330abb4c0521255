package dev.nixpve.sim.schema;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches a concrete path against a template like {@code /nodes/{node}/qemu/{vmid}/config}.
 * Empty segments are skipped as PVE's router skips them. {@code {volume}} as last segment takes the
 * rest of the path, slashes included, because pve-storage's content API matches it that way.
 */
record PathTemplate(String template, List<String> segments) {

    private static final Set<String> REST_OF_PATH = Set.of("volume");

    static PathTemplate of(String template) {
        return new PathTemplate(template, split(template));
    }

    static List<String> split(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /** More literal segments win, so a fixed name beats a variable at the same place. */
    int literalCount() {
        return (int) segments.stream().filter(s -> variable(s).isEmpty()).count();
    }

    Optional<Map<String, String>> match(List<String> path) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            if (i >= path.size()) {
                return Optional.empty();
            }
            String segment = segments.get(i);
            Optional<String> name = variable(segment);
            if (name.isEmpty()) {
                if (!segment.equals(path.get(i))) {
                    return Optional.empty();
                }
            } else if (i == segments.size() - 1 && REST_OF_PATH.contains(name.get())) {
                variables.put(name.get(), String.join("/", path.subList(i, path.size())));
                return Optional.of(variables);
            } else {
                variables.put(name.get(), path.get(i));
            }
        }
        return path.size() == segments.size() ? Optional.of(variables) : Optional.empty();
    }

    private static Optional<String> variable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}")
                ? Optional.of(segment.substring(1, segment.length() - 1)) : Optional.empty();
    }
}
