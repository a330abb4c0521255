package dev.nixpve.sim.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Privileges by ACL path with PVE's inheritance: a privilege granted on {@code /} or {@code /vms}
 * applies to {@code /vms/100} (ACLs propagate by default).
 */
public final class Grants {

    private final Map<String, Set<String>> byPath = new LinkedHashMap<>();

    public static Grants of(Map<String, Set<String>> acl) {
        Grants grants = new Grants();
        acl.forEach((path, privileges) -> grants.byPath.put(normalise(path), new TreeSet<>(privileges)));
        return grants;
    }

    public boolean has(String path, String privilege) {
        return effective(path).contains(privilege);
    }

    /** Every privilege that applies on {@code path}, inherited ones included. */
    public Set<String> effective(String path) {
        Set<String> result = new TreeSet<>();
        String current = normalise(path);
        while (true) {
            Set<String> here = byPath.get(current);
            if (here != null) {
                result.addAll(here);
            }
            if (current.equals("/")) {
                return result;
            }
            int slash = current.lastIndexOf('/');
            current = slash <= 0 ? "/" : current.substring(0, slash);
        }
    }

    /** {@code GET /access/permissions}: path → {privilege: 1} for the explicitly granted paths. */
    public Map<String, Map<String, Integer>> listing() {
        Map<String, Map<String, Integer>> result = new TreeMap<>();
        byPath.keySet().forEach(path -> result.put(path, asFlags(effective(path))));
        return result;
    }

    static Map<String, Integer> asFlags(Set<String> privileges) {
        Map<String, Integer> flags = new TreeMap<>();
        privileges.forEach(p -> flags.put(p, 1));
        return flags;
    }

    private static String normalise(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.isEmpty() ? "/" : trimmed;
    }
}
