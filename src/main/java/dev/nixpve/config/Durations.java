package dev.nixpve.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 30m}, {@code 1h30m}, {@code 90s}, {@code 500ms}, {@code 2d}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");

    private Durations() {
    }

    /** @throws IllegalArgumentException with a message fit for "key: message. Hint: ..." */
    public static Duration parse(String text) {
        String compact = text.strip().replace(" ", "");
        if (compact.matches("\\d+")) {
            throw new IllegalArgumentException("'" + text + "' has no unit");
        }
        if (!WHOLE.matcher(compact).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(compact);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }

    /**
     * The way {@link #parse} reads it, to whole seconds and its two largest units: {@code 3d4h};
     * {@code 90s} is {@code 1m30s}.
     */
    public static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long[] amounts = {seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < amounts.length && shown < 2; i++) {
            if (amounts[i] > 0 || text.length() > 0) {
                if (amounts[i] > 0) {
                    text.append(amounts[i]).append(units[i]);
                }
                shown++;
            }
        }
        return text.length() == 0 ? "0s" : text.toString();
    }

    public static final String HINT = "write a number with a unit: ms, s, m, h or d, e.g. 90s, 30m or 1h30m";
}
