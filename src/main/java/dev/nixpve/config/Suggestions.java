package dev.nixpve.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for unknown keys: same letters ignoring case, '-' and '_', or at most two edits away. */
public final class Suggestions {

    private Suggestions() {
    }

    public static Optional<String> closest(String unknown, Collection<String> known) {
        String plain = simplify(unknown);
        for (String candidate : known) {
            if (simplify(candidate).equals(plain)) {
                return Optional.of(candidate);
            }
        }
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = distance(plain, simplify(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String simplify(String key) {
        return key.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
