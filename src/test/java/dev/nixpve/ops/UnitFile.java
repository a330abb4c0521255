package dev.nixpve.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read as plain ini lines: {@code [Section]} and {@code Key=Value}, comments
 * with # or ;. Our units use no line continuations, quoting or drop-ins; a continuation fails the
 * read rather than being misread.
 */
record UnitFile(Path path, Map<String, List<String>> entries) {

    static UnitFile read(Path path) throws IOException {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        String section = "";
        int number = 0;
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            assertFalse(text.endsWith("\\"), path + ":" + number + ": a continued line; UnitFile reads single lines");
            if (text.startsWith("[") && text.endsWith("]")) {
                section = text.substring(1, text.length() - 1);
                continue;
            }
            int equals = text.indexOf('=');
            assertTrue(equals > 0, path + ":" + number + ": neither a section nor Key=Value: " + text);
            String key = section + "." + text.substring(0, equals).strip();
            entries.computeIfAbsent(key, k -> new ArrayList<>()).add(text.substring(equals + 1).strip());
        }
        return new UnitFile(path, entries);
    }

    /** Every value of {@code key} in {@code section}, in file order; empty when it is not set. */
    List<String> values(String section, String key) {
        return entries.getOrDefault(section + "." + key, List.of());
    }

    /** The one value of {@code key}; fails when it is missing or set more than once. */
    String value(String section, String key) {
        List<String> values = values(section, key);
        assertEquals(1, values.size(), path.getFileName() + ": [" + section + "] " + key + "= should be set once, is "
                + values);
        return values.get(0);
    }

    /** The values of {@code key} split into words, across all its lines (After=a b, After=c gives a b c). */
    List<String> words(String section, String key) {
        List<String> words = new ArrayList<>();
        for (String value : values(section, key)) {
            if (!value.isBlank()) {
                words.addAll(List.of(value.strip().split("\\s+")));
            }
        }
        return words;
    }
}
