package dev.nixpve.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML file through Jackson's token stream, keeping each value's line and refusing
 * duplicate keys (which a tree mapper would silently merge).
 */
final class YamlReader {

    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlReader() {
    }

    /** The document's root, or an empty mapping for an empty file. */
    static YamlNode.Mapping read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration file (" + e.getMessage()
                    + "). Hint: check the path given with --config and the file's permissions.");
        }
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode.Mapping(Map.of(), 1);
            }
            YamlNode root = node(parser, file);
            if (!(root instanceof YamlNode.Mapping mapping)) {
                throw new ConfigException(file + ":" + root.line() + ": the file must be a map of sections "
                        + "(proxmox:, target:), not " + root.kind() + ". Hint: start from examples/nixpve.yaml.");
            }
            return mapping;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 1 : where.getLineNr();
            throw new ConfigException(file + ":" + line + ": not valid YAML (" + e.getOriginalMessage().lines()
                    .findFirst().orElse("syntax error") + "). Hint: check indentation (spaces, not tabs) and quote "
                    + "values that contain ': ' or start with special characters.");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration file (" + e.getMessage() + ").");
        }
    }

    private static YamlNode node(JsonParser parser, Path file) throws IOException, ConfigException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                YamlNode value = node(parser, file);
                YamlNode.Entry previous = entries.put(key, new YamlNode.Entry(keyLine, value));
                if (previous != null) {
                    throw new ConfigException(file + ":" + keyLine + ": " + key + ": the key appears twice (first "
                            + "on line " + previous.keyLine() + "). Hint: keep one of them; YAML does not merge "
                            + "repeated keys.");
                }
            }
            return new YamlNode.Mapping(entries, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(parser, file));
            }
            return new YamlNode.Sequence(items, line);
        }
        if (token == JsonToken.VALUE_NULL) {
            return new YamlNode.Scalar("", line, true);
        }
        return new YamlNode.Scalar(parser.getText(), line, false);
    }
}
