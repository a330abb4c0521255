package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

    @TempDir
    Path dir;

    static String fixtureTemplates() {
        try {
            return Path.of(RenderCommandTest.class.getClassLoader().getResource("dev/nixpve/nix/fixture-templates/")
                    .toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void rendersAndPrintsTheDirectoryTheFileCountAndTheBuildId() throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), "image:\n  name: web\n  hostname: web1\n");
        CliRun run = CliRun.run(Map.of(), dir, "render", "--templates", fixtureTemplates(), "--out", "tree");
        assertEquals(0, run.exitCode(), run.all());
        String[] lines = run.out().split("\n");
        assertEquals("Rendered 5 files into " + dir.resolve("tree"), lines[0]);
        assertTrue(lines[1].matches("Build id: [0-9a-f]{64}"), lines[1]);
        assertEquals("", run.err());
        String json = Files.readString(dir.resolve("tree/nixpve-config.json"));
        assertTrue(json.contains("\"name\" : \"web\"") && json.contains("\"hostname\" : \"web1\""), json);

        CliRun again = CliRun.run(Map.of(), dir, "render", "--templates", fixtureTemplates(), "--out", "tree");
        assertEquals(run.out(), again.out(), "a re-render of the same configuration has the same id");
    }

    @Test
    void aForeignDirectoryIsAUsageErrorInOneParagraph() throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/readme.txt"), "mine");
        CliRun run = CliRun.run(Map.of(), dir, "render", "--templates", fixtureTemplates(), "--out", "docs");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: " + dir.resolve("docs") + " is not empty and holds no previous "
                + "render"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals("mine", Files.readString(dir.resolve("docs/readme.txt")));
    }

    @Test
    void aConfigurationErrorNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve("nixpve.yaml"), "image:\n  nixpkgs: nixos-unstable\n");
        CliRun run = CliRun.run(Map.of(), dir, "render", "--templates", fixtureTemplates(), "--out", "tree");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("error: " + dir.resolve("nixpve.yaml") + ":2: image.nixpkgs: "), run.err());
        assertFalse(Files.exists(dir.resolve("tree")));
    }

    @Test
    void outIsRequired() {
        CliRun run = CliRun.run(Map.of(), dir, "render");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required option: '--out=DIR'"), run.err());
    }
}
