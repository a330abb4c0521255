package dev.nixpve.journal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One run of nixpve: 12 lower-case hex digits, which name its journal file and, as the tag
 * {@code run-<id>}, mark every VM it creates, so the cluster itself tells which run left a VM.
 */
public record RunId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{12}");
    private static final String TAG_PREFIX = "run-";
    private static final SecureRandom RANDOM = new SecureRandom();

    public RunId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a run id is 12 lower-case hex digits, not '" + value + "'");
        }
    }

    @JsonCreator
    public static RunId of(String value) {
        return new RunId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    public static RunId random() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return new RunId(HexFormat.of().formatHex(bytes));
    }

    /** The PVE tag that marks a VM as made by this run. */
    public String tag() {
        return TAG_PREFIX + value;
    }

    /** The run id a {@code run-<id>} tag names, if {@code tag} is one. */
    public static java.util.Optional<RunId> fromTag(String tag) {
        if (tag.startsWith(TAG_PREFIX) && FORMAT.matcher(tag.substring(TAG_PREFIX.length())).matches()) {
            return java.util.Optional.of(new RunId(tag.substring(TAG_PREFIX.length())));
        }
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
