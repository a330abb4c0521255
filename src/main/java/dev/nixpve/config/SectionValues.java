package dev.nixpve.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed reads of configured values with defaults: each read either returns a valid value or throws
 * a {@link ConfigException} that names the origin, the key, the problem and a hint.
 */
final class SectionValues {

    private final Map<String, RawValue> values;

    SectionValues(Map<String, RawValue> values) {
        this.values = values;
    }

    Optional<RawValue> raw(String key) {
        RawValue value = values.get(key);
        if (value == null || value.node() instanceof YamlNode.Scalar && value.text().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    String text(String key, String fallback, Pattern rule, String hint) throws ConfigException {
        Optional<String> text = optionalText(key, rule, hint);
        return text.orElse(fallback);
    }

    Optional<String> optionalText(String key, Pattern rule, String hint) throws ConfigException {
        Optional<RawValue> value = raw(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = scalar(value.get()).strip();
        if (!rule.matcher(text).matches()) {
            throw value.get().error("'" + text + "' is not valid here", hint);
        }
        return Optional.of(text);
    }

    int integer(String key, int fallback, int min, int max, String hint) throws ConfigException {
        Optional<RawValue> value = raw(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = scalar(value.get()).strip();
        long number;
        try {
            number = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw value.get().error("'" + text + "' is " + (text.matches("-?\\d+") ? "outside " + min + ".." + max
                    : "not a whole number"), hint);
        }
        if (number < min || number > max) {
            throw value.get().error(number + " is outside " + min + ".." + max, hint);
        }
        return (int) number;
    }

    boolean bool(String key, boolean fallback) throws ConfigException {
        Optional<RawValue> value = raw(key);
        if (value.isEmpty()) {
            return fallback;
        }
        scalar(value.get());
        return bool(value.get());
    }

    /** true or false; from the environment also 1/0 and yes/no, as shells and CI systems write them. */
    static boolean bool(RawValue value) throws ConfigException {
        String text = value.text().strip().toLowerCase(Locale.ROOT);
        boolean environment = value.origin().kind() == Origin.Kind.ENVIRONMENT;
        if (text.equals("true") || environment && (text.equals("1") || text.equals("yes"))) {
            return true;
        }
        if (text.equals("false") || environment && (text.equals("0") || text.equals("no"))) {
            return false;
        }
        throw value.error("'" + value.text() + "' is not true or false", environment
                ? "use true/false (or 1/0, yes/no)" : "use true or false");
    }

    /** Timeouts and grace periods: at least a second (0 would never wait), at most a week. */
    Duration duration(String key, Duration fallback) throws ConfigException {
        return duration(key, fallback, Duration.ofSeconds(1), Duration.ofDays(7));
    }

    Duration duration(String key, Duration fallback, Duration min, Duration max) throws ConfigException {
        Optional<RawValue> value = raw(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Durations.parse(scalar(value.get()), min, max);
        } catch (IllegalArgumentException e) {
            throw value.get().error(e.getMessage(), Durations.HINT + ", from " + Durations.range(min, max));
        }
    }

    ByteSize size(String key, ByteSize fallback, ByteSize min, ByteSize max, String hint) throws ConfigException {
        Optional<RawValue> value = raw(key);
        if (value.isEmpty()) {
            return fallback;
        }
        ByteSize size;
        try {
            size = ByteSize.parse(scalar(value.get()));
        } catch (IllegalArgumentException e) {
            throw value.get().error(e.getMessage() + (e.getMessage().endsWith("too large") ? ": the allowed range is "
                    + min + " to " + max : ""), ByteSize.HINT);
        }
        if (size.bytes() < min.bytes() || size.bytes() > max.bytes()) {
            throw value.get().error(size + " is outside the allowed range " + min + " to " + max, hint);
        }
        return size;
    }

    <E extends Enum<E>> E choice(String key, E fallback, Class<E> type, java.util.function.Function<E, String> name)
            throws ConfigException {
        Optional<RawValue> value = raw(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = scalar(value.get()).strip();
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            if (name.apply(constant).equals(text)) {
                return constant;
            }
            names.add(name.apply(constant));
        }
        throw value.get().error("'" + text + "' is not one of " + String.join(", ", names),
                Suggestions.closest(text, names).map(s -> "did you mean '" + s + "'?")
                        .orElse("use one of " + String.join(", ", names)));
    }

    Optional<Path> path(String key) throws ConfigException {
        Optional<RawValue> value = raw(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(resolve(value.get(), scalar(value.get()).strip()));
    }

    /** A relative path resolves against the config file's directory; {@code ~/} against the home directory. */
    static Path resolve(RawValue value, String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(text.substring(Math.min(2, text.length())));
        }
        return value.baseDirectory().resolve(text).normalize();
    }

    /** A YAML list of values, or one line separated by commas. */
    List<String> list(String key, Pattern rule, String hint) throws ConfigException {
        Optional<RawValue> value = raw(key);
        if (value.isEmpty()) {
            return List.of();
        }
        return items(value.get(), value.get().node(), rule, hint);
    }

    static List<String> items(RawValue value, YamlNode node, Pattern rule, String hint) throws ConfigException {
        List<String> texts = new ArrayList<>();
        if (node instanceof YamlNode.Sequence sequence) {
            for (YamlNode item : sequence.items()) {
                if (!(item instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
                    throw value.error("item on line " + item.line() + " is " + item.kind() + ", not a value",
                            hint);
                }
                texts.add(scalar.text().strip());
            }
        } else if (node instanceof YamlNode.Scalar) {
            for (String part : value.text().split(",")) {
                if (!part.isBlank()) {
                    texts.add(part.strip());
                }
            }
        } else {
            throw value.error("expected a list, found " + node.kind(), hint);
        }
        for (String text : texts) {
            if (!rule.matcher(text).matches()) {
                throw value.error("'" + text + "' is not valid here", hint);
            }
        }
        return List.copyOf(texts);
    }

    private static String scalar(RawValue value) throws ConfigException {
        if (!(value.node() instanceof YamlNode.Scalar)) {
            throw value.error("expected a single value, found " + value.node().kind(),
                    "write it on one line after the key");
        }
        return value.text();
    }
}
