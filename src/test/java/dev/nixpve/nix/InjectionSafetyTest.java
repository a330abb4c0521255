package dev.nixpve.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.testing.FakeClock;
import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values reach Nix only as JSON data: with a hostile value in every free-text field, no rendered
 * .nix file contains any of them, Nix reads every one back exactly, and every .nix file still parses.
 * Runs over the fixture templates and, once nix-templates/ lists files, over the shipped ones.
 */
class InjectionSafetyTest {

    /** What could end a Nix string, start an interpolation or a comment, or break a line. */
    static final String NASTY = "\"${builtins.abort \"pwned\"}\\'' ''${x}\n# */ /* `$(id)` \t\u00e9";

    @TempDir
    Path dir;

    /** Each hostile value and the unique marker it starts with. */
    final Map<String, String> hostile = new LinkedHashMap<>();

    @ParameterizedTest
    @ValueSource(strings = {"fixture", "shipped"})
    void hostileValuesStayData(String templates) throws Exception {
        Path nixInstantiate = ExternalTools.require("nix-instantiate", "nix-bin");
        TemplateSource source = templates.equals("fixture") ? NixFixtures.fixtureTemplates() : TemplateSource.classpath();
        assumeTrue(source.files().contains(TemplateRenderer.FLAKE), "nix-templates/ lists no files yet");
        ImageData data = hostileData();
        Path tree = new TemplateRenderer(source, new FakeClock(), "x").render(data, dir.resolve("tree")).directory();

        List<Path> nixFiles;
        try (Stream<Path> files = Files.walk(tree)) {
            nixFiles = files.filter(p -> p.toString().endsWith(".nix")).toList();
        }
        for (Path file : nixFiles) {
            String text = Files.readString(file);
            hostile.forEach((value, marker) -> {
                assertFalse(text.contains(value), file + " contains a configured value: " + value);
                assertFalse(text.contains(marker), file + " contains part of a configured value: " + marker);
            });
            assertEquals("", nix(nixInstantiate, "--parse", file.toString()).error, file + " parses");
        }

        Result read = nix(nixInstantiate, "--eval", "--strict", "--json", "--argstr", "file",
                tree.resolve(ImageData.FILE_NAME).toString(), "-E", "{ file }: builtins.fromJSON (builtins.readFile file)");
        assertEquals("", read.error);
        JsonNode fromNix = NixJson.MAPPER.readTree(read.output);
        assertEquals(NixJson.MAPPER.readTree(NixJson.canonical(data)), fromNix);
        assertEquals(data.name(), fromNix.get("name").asText());
        assertEquals(data.nfs().options().get(0), fromNix.get("nfs").get("options").get(0).asText());
    }

    private ImageData hostileData() {
        return new ImageData(ImageData.FORMAT_VERSION, v("name"), "nixos-25.11", v("stateVersion"), v("hostname"),
                v("timezone"), v("locale"), v("keymap"), v("profile"), List.of(v("package1"), v("package2")), 1024,
                v("firmware"), new ImageData.Disk(v("bus"), v("device"), 1),
                List.of(new ImageData.User(v("user"), List.of("ssh-ed25519 AAAA " + v("keyComment"), v("key2")))),
                new ImageData.Nfs(v("server"), v("export"), v("mountPoint"), List.of(v("option1"), v("option2"))),
                new ImageData.Installer(v("progressPath"), 10, 30, List.of(v("phase"))));
    }

    /** A hostile value with a unique marker, so a leak of even part of it is found. */
    private String v(String field) {
        String marker = "ZQX" + field + "QXZ";
        String value = marker + NASTY + field;
        hostile.put(value, marker);
        return value;
    }

    private record Result(String output, String error) {
    }

    private Result nix(Path nixInstantiate, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(nixInstantiate.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Path home = Files.createDirectories(dir.resolve("home"));
        builder.environment().putAll(Map.of("NIX_CONFIG", "build-users-group =", "HOME", home.toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        return new Result(output, code == 0 ? "" : "exit " + code + ": " + error);
    }
}
