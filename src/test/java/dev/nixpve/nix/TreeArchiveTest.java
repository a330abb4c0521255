package dev.nixpve.nix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeArchiveTest {

    @TempDir
    Path temp;
    private Path tree;

    @BeforeEach
    void renderTree() throws IOException {
        tree = Files.createDirectories(temp.resolve("tree"));
        Files.writeString(tree.resolve("flake.nix"), "{ }\n");
        Files.writeString(tree.resolve("install.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tree.resolve("install.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createDirectories(tree.resolve("modules/sub"));
        Files.writeString(tree.resolve("modules/base.nix"), "{ }\n");
        Files.writeString(tree.resolve("modules/sub/deep file.nix"), "{ x = 1; }\n");
        Files.writeString(tree.resolve("resultant.txt"), "a plain file whose name starts with result\n");
        Files.createSymbolicLink(tree.resolve("result"), Path.of("/nix/store/0000-nixos.iso"));
        Files.createSymbolicLink(tree.resolve("result-1"), Path.of("/nix/store/1111-nixos.iso"));
        Files.createSymbolicLink(tree.resolve("modules/current.nix"), Path.of("base.nix"));
        // Explicit, so the umask of whoever runs the tests does not matter.
        Files.setPosixFilePermissions(tree.resolve("flake.nix"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(tree.resolve("modules"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void entriesComeInPathOrderWithTheirModesAndWithoutOutLinks() throws IOException {
        Path archive = temp.resolve("tree.tar.gz");
        TreeArchive.write(tree, archive);

        Map<String, TarArchiveEntry> entries = read(archive);
        assertEquals(List.of("flake.nix", "install.sh", "modules/", "modules/base.nix", "modules/current.nix",
                "modules/sub/", "modules/sub/deep file.nix", "resultant.txt"), List.copyOf(entries.keySet()));
        assertEquals(0750, entries.get("install.sh").getMode() & 07777);
        assertEquals(0644, entries.get("flake.nix").getMode() & 07777);
        assertTrue(entries.get("modules/").isDirectory());
        assertEquals(0755, entries.get("modules/").getMode() & 07777);
        assertTrue(entries.get("modules/current.nix").isSymbolicLink());
        assertEquals("base.nix", entries.get("modules/current.nix").getLinkName());
        for (TarArchiveEntry entry : entries.values()) {
            assertEquals(0, entry.getLongUserId());
            assertEquals(0, entry.getLongGroupId());
            assertEquals("", entry.getUserName());
            assertEquals(TreeArchive.FIXED_TIME.toInstant(), entry.getLastModifiedTime().toInstant());
        }
    }

    @Test
    void theSameTreeGivesTheSameBytes() throws IOException {
        Path first = temp.resolve("first.tar.gz");
        Path second = temp.resolve("second.tar.gz");
        TreeArchive.write(tree, first);
        Files.setLastModifiedTime(tree.resolve("flake.nix"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        TreeArchive.write(tree, second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void gnuTarUnpacksItWithModesAndContent() throws IOException, InterruptedException {
        Path tar = ExternalTools.require("tar", "tar");
        Path archive = temp.resolve("tree.tar.gz");
        TreeArchive.write(tree, archive);
        Path out = Files.createDirectories(temp.resolve("out"));
        Process process = new ProcessBuilder(tar.toString(), "-xzf", archive.toString(), "-C", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertEquals("", output, "no warnings");
        assertTrue(Files.isExecutable(out.resolve("install.sh")));
        assertEquals("{ x = 1; }\n", Files.readString(out.resolve("modules/sub/deep file.nix")));
        assertEquals("{ }\n", Files.readString(out.resolve("modules/current.nix")));
        assertFalse(Files.exists(out.resolve("result"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    private static Map<String, TarArchiveEntry> read(Path archive) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.put(entry.getName(), entry);
            }
        }
        return entries;
    }
}
