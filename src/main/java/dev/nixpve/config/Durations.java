package dev.nixpve.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 30m}, {@code 1h30m}, {@code 90s}, {@code 500ms}, {@code 2d}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
    /**
     * Nothing nixpve waits for takes a year; past that, sums overflow a long of milliseconds (and a
     * request timeout an int), so a longer duration is refused before any arithmetic.
     */
    static final Duration LIMIT = Duration.ofDays(366);

    private Durations() {
    }

    /** @throws IllegalArgumentException with a message that names the problem and the allowed range */
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
            // Past LIMIT every sum is refused anyway; stopping there keeps the long arithmetic from overflowing.
            if (part.group(1).length() > 12) {
                throw new IllegalArgumentException("'" + text + "' is too long");
            }
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            if (total.compareTo(LIMIT) > 0) {
                throw new IllegalArgumentException("'" + text + "' is too long");
            }
        }
        return total;
    }

    /**
     * {@code text} read by {@link #parse} and held to {@code min..max}, both written as {@link #format} writes
     * them; the message names the range, for "key: message".
     */
    public static Duration parse(String text, Duration min, Duration max) {
        Duration duration;
        try {
            duration = parse(text);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().endsWith("too long")) {
                throw new IllegalArgumentException(e.getMessage() + ": the allowed range is " + range(min, max), e);
            }
            throw e;
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new IllegalArgumentException("'" + text.strip() + "' is outside the allowed range "
                    + range(min, max));
        }
        return duration;
    }

    static String range(Duration min, Duration max) {
        return (min.toMillis() < 1000 ? min.toMillis() + "ms" : format(min)) + " to " + format(max);
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
