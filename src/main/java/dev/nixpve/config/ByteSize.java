package dev.nixpve.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes written with binary units: {@code 20G}, {@code 512M}, {@code 1T}, {@code 0}; "GiB"/"GB" read as G. */
public record ByteSize(long bytes) {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(i?B)?", Pattern.CASE_INSENSITIVE);

    public static final String HINT = "write a whole number with a binary unit K, M, G or T, e.g. 512M or 20G";

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
    }

    /** @throws IllegalArgumentException with a message that names the problem and the allowed range */
    public static ByteSize parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size");
        }
        if (matcher.group(1).length() > 18) {
            throw new IllegalArgumentException("'" + text.strip() + "' is too large");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2).toUpperCase(Locale.ROOT);
        if (unit.isEmpty() && amount != 0 && matcher.group(3) == null) {
            throw new IllegalArgumentException("'" + text + "' has no unit");
        }
        int shift = switch (unit) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text.strip() + "' is too large");
        }
        return new ByteSize(amount << shift);
    }

    public long mebibytes() {
        return bytes >> 20;
    }

    public long gibibytes() {
        return bytes >> 30;
    }

    /** The shortest exact form: 20G, 512M, 0. */
    @Override
    public String toString() {
        for (String unit : new String[] {"T", "G", "M", "K"}) {
            int shift = switch (unit) {
                case "T" -> 40;
                case "G" -> 30;
                case "M" -> 20;
                default -> 10;
            };
            if (bytes != 0 && bytes % (1L << shift) == 0) {
                return (bytes >> shift) + unit;
            }
        }
        return Long.toString(bytes);
    }
}
