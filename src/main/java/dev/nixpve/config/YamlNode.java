package dev.nixpve.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the line it starts on, so every error can name file:line. */
public sealed interface YamlNode {

    int line();

    /** What kind of value this is, in words for an error message. */
    String kind();

    record Scalar(String text, int line, boolean isNull) implements YamlNode {
        @Override
        public String kind() {
            return isNull ? "nothing" : "a value";
        }
    }

    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = new LinkedHashMap<>(entries);
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping entry: the key's line and the value. */
    record Entry(int keyLine, YamlNode value) {
    }
}
