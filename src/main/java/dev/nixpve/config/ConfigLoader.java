package dev.nixpve.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Loads the configuration: {@code nixpve.yaml} (the given file, or ./nixpve.yaml when present),
 * then the PROXMOX_VE_* environment, then command-line flags; each later layer wins. Unknown
 * keys, duplicates, wrong types and bad values are errors that name file:line (or the variable or
 * option) and the key, with a hint.
 */
public final class ConfigLoader {

    public static final String DEFAULT_FILE = "nixpve.yaml";

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Every message names where and what; none shows a secret, wherever the secret was written. */
    public NixpveConfig load(Optional<Path> file, List<ConfigOverride> flags, Path workingDirectory)
            throws ConfigException {
        Redaction redaction = Redaction.of(environment);
        Map<String, RawValue> values = new LinkedHashMap<>();
        try {
            return load(file, flags, workingDirectory, values);
        } catch (ConfigException e) {
            throw redaction.and(ConfigKeys.SECRETS.stream().map(values::get).filter(java.util.Objects::nonNull)
                    .map(RawValue::text).toList()).apply(e);
        }
    }

    private NixpveConfig load(Optional<Path> file, List<ConfigOverride> flags, Path workingDirectory,
                              Map<String, RawValue> values) throws ConfigException {
        Optional<Path> source = locate(file, workingDirectory);
        if (source.isPresent()) {
            readFile(source.get(), values);
            TargetSection.requireOneNodeForm(values);
        }
        for (Map.Entry<String, String> variable : ConfigKeys.ENVIRONMENT.entrySet()) {
            String value = environment.get(variable.getKey());
            if (value != null && !value.isEmpty()) {
                values.put(variable.getValue(), scalar(variable.getValue(), value,
                        Origin.environment(variable.getKey()), workingDirectory));
            }
        }
        for (ConfigOverride flag : flags) {
            values.remove(ConfigKeys.OTHER_FORM.get(flag.keyPath()));
            values.put(flag.keyPath(), scalar(flag.keyPath(), flag.value(), Origin.option(flag.flagName()),
                    workingDirectory));
        }
        return new NixpveConfig(source, ProxmoxSection.parse(values), TargetSection.parse(values),
                ImageSection.parse(values), NfsSection.parse(values), VmSection.parse(values),
                BuildSection.parse(values), RunSection.install(values), RunSection.verify(values),
                RunSection.retention(values), RunSection.output(values, workingDirectory));
    }

    private static Optional<Path> locate(Optional<Path> file, Path workingDirectory) throws ConfigException {
        if (file.isPresent()) {
            return Optional.of(workingDirectory.resolve(file.get()));
        }
        Path fallback = workingDirectory.resolve(DEFAULT_FILE);
        return Files.exists(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    private void readFile(Path file, Map<String, RawValue> values) throws ConfigException {
        YamlNode.Mapping root = YamlReader.read(ConfigFile.read(file));
        Path base = file.toAbsolutePath().getParent();
        for (Map.Entry<String, YamlNode.Entry> section : root.entries().entrySet()) {
            String name = section.getKey();
            List<String> keys = ConfigKeys.SECTIONS.get(name);
            Origin origin = Origin.file(file, section.getValue().keyLine());
            if (keys == null) {
                throw unknown(origin, name, "section", new TreeSet<>(ConfigKeys.SECTIONS.keySet()));
            }
            YamlNode body = section.getValue().value();
            if (body instanceof YamlNode.Scalar scalar && scalar.isNull()) {
                continue;
            }
            if (!(body instanceof YamlNode.Mapping mapping)) {
                throw ConfigException.at(origin, name, "expected a map of settings, found " + body.kind(),
                        "indent the section's keys under '" + name + ":', as in examples/nixpve.yaml");
            }
            for (Map.Entry<String, YamlNode.Entry> entry : mapping.entries().entrySet()) {
                String key = name + "." + entry.getKey();
                Origin at = Origin.file(file, entry.getValue().keyLine());
                if (!keys.contains(entry.getKey())) {
                    throw unknown(at, key, "key", keys.stream().map(k -> name + "." + k).toList());
                }
                value(key, entry.getValue().value(), at, base).ifPresent(v -> values.put(key, v));
            }
        }
    }

    private Optional<RawValue> value(String key, YamlNode node, Origin origin, Path base) throws ConfigException {
        if (node instanceof YamlNode.Scalar scalar) {
            if (scalar.isNull()) {
                return Optional.empty();
            }
            String text = Interpolation.apply(scalar.text(), environment, origin, key);
            return Optional.of(new RawValue(key, text, scalar, origin, base));
        }
        if (!(node instanceof YamlNode.Scalar) && ConfigKeys.STRUCTURED.contains(key)) {
            return Optional.of(new RawValue(key, "", interpolated(key, node, origin), origin, base));
        }
        throw ConfigException.at(origin, key, "expected a single value, found " + node.kind(),
                "write it on one line after the key, e.g. " + key.substring(key.indexOf('.') + 1) + ": value");
    }

    /** Interpolates every scalar inside a map or list, so ${VAR} works in lists of keys too. */
    private YamlNode interpolated(String key, YamlNode node, Origin origin) throws ConfigException {
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar.isNull() ? scalar
                    : new YamlNode.Scalar(Interpolation.apply(scalar.text(), environment, origin, key), scalar.line(),
                            false);
        }
        if (node instanceof YamlNode.Sequence sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (YamlNode item : sequence.items()) {
                items.add(interpolated(key, item, origin));
            }
            return new YamlNode.Sequence(items, sequence.line());
        }
        YamlNode.Mapping mapping = (YamlNode.Mapping) node;
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode.Entry> entry : mapping.entries().entrySet()) {
            entries.put(entry.getKey(), new YamlNode.Entry(entry.getValue().keyLine(),
                    interpolated(key, entry.getValue().value(), origin)));
        }
        return new YamlNode.Mapping(entries, mapping.line());
    }

    private static RawValue scalar(String key, String text, Origin origin, Path base) {
        return new RawValue(key, text, new YamlNode.Scalar(text, 0, false), origin, base);
    }

    private static ConfigException unknown(Origin origin, String key, String what, java.util.Collection<String> known) {
        String simple = key.substring(key.lastIndexOf('.') + 1);
        List<String> names = new ArrayList<>();
        known.forEach(k -> names.add(k.substring(k.lastIndexOf('.') + 1)));
        Optional<String> suggestion = Suggestions.closest(simple, names);
        return ConfigException.at(origin, key, "unknown " + what, suggestion.map(s -> "did you mean '" + s + "'?")
                .orElse("known " + what + "s here: " + String.join(", ", names)));
    }
}
