package dev.nixpve.nix.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MANIFEST is what the renderer copies: it must name every shipped file, once, and nothing else. */
class ManifestTest {

    @Test
    void listsExactlyTheShippedFiles() {
        List<String> expected = new ArrayList<>(NixTemplates.files());
        expected.removeAll(List.of("MANIFEST", "README.md"));

        List<String> listed = NixTemplates.manifest().stream().sorted().toList();

        assertEquals(expected, listed, "nix-templates/MANIFEST differs from the files in nix-templates/");
    }

    @Test
    void namesEachFileOnceWithARelativePath() {
        List<String> listed = NixTemplates.manifest();
        assertEquals(listed.size(), new HashSet<>(listed).size(), "a file is listed twice: " + listed);
        for (String path : listed) {
            assertTrue(!path.startsWith("/") && !path.contains("..") && !path.contains("\\"), path);
        }
    }
}
