package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a schema {@code permissions.check} expression the way PVE's RPCEnvironment does:
 * {@code ["perm", path, [privs], "any", 1]}, {@code ["and", ...]}, {@code ["or", ...]}, with
 * {@code {var}} in paths taken from the parameters. A failure names the path and privilege(s).
 */
final class PermissionCheck {

    private PermissionCheck() {
    }

    static void require(List<Object> check, Grants grants, Map<String, String> params) {
        if (check.isEmpty()) {
            return;
        }
        Failure failure = evaluate(check, grants, params);
        if (failure != null) {
            throw PveError.permission(failure.path(), failure.privileges());
        }
    }

    private record Failure(String path, String privileges) {
    }

    @SuppressWarnings("unchecked")
    private static Failure evaluate(List<Object> check, Grants grants, Map<String, String> params) {
        String kind = String.valueOf(check.get(0));
        switch (kind) {
            case "perm" -> {
                String path = substitute(String.valueOf(check.get(1)), params);
                List<String> privileges = (List<String>) check.get(2);
                int requireParam = check.indexOf("require_param");
                if (requireParam > 0 && !params.containsKey(String.valueOf(check.get(requireParam + 1)))) {
                    return new Failure(path, String.join("|", privileges));
                }
                boolean any = check.contains("any");
                boolean ok = any ? privileges.stream().anyMatch(p -> grants.has(path, p))
                        : privileges.stream().allMatch(p -> grants.has(path, p));
                if (ok) {
                    return null;
                }
                String missing = any ? String.join("|", privileges)
                        : privileges.stream().filter(p -> !grants.has(path, p)).findFirst().orElseThrow();
                return new Failure(path, missing);
            }
            case "and" -> {
                for (Object part : check.subList(1, check.size())) {
                    Failure failure = evaluate((List<Object>) part, grants, params);
                    if (failure != null) {
                        return failure;
                    }
                }
                return null;
            }
            case "or" -> {
                Failure first = null;
                for (Object part : check.subList(1, check.size())) {
                    Failure failure = evaluate((List<Object>) part, grants, params);
                    if (failure == null) {
                        return null;
                    }
                    first = first == null ? failure : first;
                }
                return first;
            }
            default -> {
                return null;
            }
        }
    }

    private static String substitute(String path, Map<String, String> params) {
        String result = path;
        for (Map.Entry<String, String> entry : params.entrySet()) {
            result = result.replace("{" + entry.getKey() + "}", entry.getValue());
        }
        return result;
    }
}
