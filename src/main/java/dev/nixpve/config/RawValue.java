package dev.nixpve.config;

import java.nio.file.Path;

/**
 * One configured value before validation: its text (interpolated), the YAML node when it came
 * from the file (maps are allowed for some keys), where it came from, and the directory relative
 * paths in it resolve against (the config file's, or the working directory).
 */
record RawValue(String key, String text, YamlNode node, Origin origin, Path baseDirectory) {

    ConfigException error(String problem, String hint) {
        return ConfigException.at(origin, key, problem, hint);
    }
}
