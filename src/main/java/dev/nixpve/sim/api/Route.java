package dev.nixpve.sim.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A method and a path template such as {@code /nodes/{node}/qemu/{vmid}/config}. A trailing
 * {@code {volume}} takes the rest of the path, slashes included, as PVE's router does for volids.
 */
public record Route(String method, String template, Endpoint endpoint) {

    public Optional<Map<String, String>> match(String requestMethod, String path) {
        if (!method.equals(requestMethod)) {
            return Optional.empty();
        }
        return matchPath(path);
    }

    public Optional<Map<String, String>> matchPath(String path) {
        String[] want = template.substring(1).split("/");
        String[] got = path.substring(1).split("/", -1);
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (i >= got.length) {
                return Optional.empty();
            }
            if (want[i].startsWith("{")) {
                String name = want[i].substring(1, want[i].length() - 1);
                boolean greedy = i == want.length - 1 && name.equals("volume");
                String value = greedy ? String.join("/", java.util.Arrays.copyOfRange(got, i, got.length)) : got[i];
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(name, value);
                if (greedy) {
                    return Optional.of(variables);
                }
            } else if (!want[i].equals(got[i])) {
                return Optional.empty();
            }
        }
        return want.length == got.length ? Optional.of(variables) : Optional.empty();
    }
}
