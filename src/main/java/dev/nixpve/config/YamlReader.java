package dev.nixpve.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the configuration's YAML text through Jackson's token stream, keeping each value's line
 * and refusing what a tree mapper would get silently wrong: duplicate keys (merged), aliases (read
 * as the anchor's name), tags, and a second document (ignored). {@link ConfigFile} has checked
 * the file itself: a bounded size, UTF-8 text.
 */
final class YamlReader {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final String STANDARD_TAGS = "tag:yaml.org,2002:";
    /** Deeper than any configuration nests (target.perNode.NODE.vmids.first is 4); bounds the recursion. */
    static final int MAX_DEPTH = 16;

    private final ConfigFile file;

    private YamlReader(ConfigFile file) {
        this.file = file;
    }

    /** The document's root, or an empty mapping for an empty file. */
    static YamlNode.Mapping read(ConfigFile file) throws ConfigException {
        return new YamlReader(file).root();
    }

    private YamlNode.Mapping root() throws ConfigException {
        try (JsonParser parser = YAML.createParser(file.text())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode.Mapping(Map.of(), 1);
            }
            YamlNode root = node(parser, 0);
            if (!(root instanceof YamlNode.Mapping mapping)) {
                throw yaml(file.at(root.line()), "the file must be a map of sections (proxmox:, target:), not "
                        + root.kind(), "start from examples/nixpve.yaml");
            }
            if (parser.nextToken() != null) {
                throw yaml(file.at(line(parser)), "a second YAML document ('---') follows the first, and nixpve "
                        + "reads only one", "merge the documents into one, or keep the other in a file of its own");
            }
            return mapping;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 1 : where.getLineNr();
            throw yaml(file.at(line), "not valid YAML (" + e.getOriginalMessage().lines().findFirst()
                    .orElse("syntax error") + ")", "check indentation (spaces, not tabs) and quote values that "
                    + "contain ': ' or start with special characters");
        } catch (IOException e) {
            throw ConfigException.of(file.path().toString(), "", "cannot read the configuration file ("
                    + e.getMessage() + ")", ConfigException.Reason.NOT_A_CONFIG_FILE);
        }
    }

    private YamlNode node(JsonParser parser, int depth) throws IOException, ConfigException {
        int line = line(parser);
        refuseAliasesAnchorsAndTags((YAMLParser) parser, line);
        if (depth > MAX_DEPTH) {
            throw yaml(file.at(line), "the YAML nests deeper than " + MAX_DEPTH + " levels, which no nixpve "
                    + "setting does", "check the indentation and brackets here");
        }
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = line(parser);
                refuseAliasesAnchorsAndTags((YAMLParser) parser, keyLine);
                parser.nextToken();
                YamlNode value = node(parser, depth + 1);
                YamlNode.Entry previous = entries.put(key, new YamlNode.Entry(keyLine, value));
                if (previous != null) {
                    throw new ConfigException(file.at(keyLine), key, "the key appears twice (first on line "
                            + previous.keyLine() + ")", ConfigException.Reason.INVALID_VALUE, "keep one of them; YAML "
                            + "does not merge repeated keys");
                }
            }
            return new YamlNode.Mapping(entries, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(parser, depth + 1));
            }
            return new YamlNode.Sequence(items, line);
        }
        if (token == JsonToken.VALUE_NULL) {
            return new YamlNode.Scalar("", line, true);
        }
        return new YamlNode.Scalar(parser.getText(), line, false);
    }

    /**
     * Jackson reports an alias ({@code *name}) as a string holding the anchor's name, so
     * {@code keymap: *h} would silently become "h"; anchors only make sense with aliases. Tags
     * ({@code !!binary}, {@code !custom}) change how a value is read, which nixpve does not follow.
     */
    private static ConfigException yaml(String where, String problem, String expected) {
        return new ConfigException(where, "", problem, ConfigException.Reason.INVALID_VALUE, expected);
    }

    private void refuseAliasesAnchorsAndTags(YAMLParser parser, int line) throws IOException, ConfigException {
        if (parser.isCurrentAlias()) {
            throw yaml(file.at(line), "a YAML alias (*" + parser.getText() + ") is not supported", "write the value "
                    + "out in full here; nixpve does not expand anchors and aliases");
        }
        String anchor = anchor(parser);
        if (anchor != null) {
            throw yaml(file.at(line), "a YAML anchor (&" + anchor + ") is not supported", "remove the '&"
                    + anchor + "' and write each value out in full; nixpve does not expand anchors and aliases");
        }
        String tag = parser.getTypeId();
        if (tag != null) {
            throw yaml(file.at(line), "a YAML tag (" + (tag.startsWith(STANDARD_TAGS) ? "!!"
                    + tag.substring(STANDARD_TAGS.length()) : "!" + tag) + ") is not supported", "remove the tag; "
                    + "quote the value if it must be read as text");
        }
    }

    /**
     * The anchor of a map or list. Jackson does not report a plain value's anchor; that one is
     * harmless on its own (the value reads right), and every alias to it is refused.
     */
    @SuppressWarnings("deprecation")
    private static String anchor(YAMLParser parser) throws IOException {
        return parser.getObjectId() != null ? parser.getObjectId() : parser.getCurrentAnchor();
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
