package dev.nixpve.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shell script the project ships passes shellcheck. */
class ShellScriptsTest {

    @Test
    void everyShellScriptPassesShellcheck() throws IOException, InterruptedException {
        Path shellcheck = ExternalTools.require("shellcheck", "shellcheck");
        List<String> scripts = shellScripts();
        assertFalse(scripts.isEmpty(), "no shell scripts found");
        List<String> command = new ArrayList<>(List.of(shellcheck.toString(), "--external-sources"));
        command.addAll(scripts);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "shellcheck found problems:\n" + output);
    }

    /** Files under scripts/, .ci/ and nix-templates/ whose first line names bash or sh. */
    private static List<String> shellScripts() throws IOException {
        List<String> scripts = new ArrayList<>();
        for (String dir : new String[] {"scripts", ".ci", "nix-templates"}) {
            Path root = Path.of(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(ShellScriptsTest::isShell)
                        .forEach(p -> scripts.add(p.toString()));
            }
        }
        return scripts;
    }

    private static boolean isShell(Path file) {
        if (file.toString().endsWith(".sh")) {
            return true;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String first = lines.findFirst().orElse("");
            return first.startsWith("#!") && (first.contains("bash") || first.matches("#!\\s*/bin/sh.*")
                    || first.contains("env sh"));
        } catch (IOException | java.io.UncheckedIOException notText) {
            return false;
        }
    }
}
