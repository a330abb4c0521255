package dev.nixpve.nix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRendererTest {

    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T10:00:00Z"));
    final TemplateRenderer renderer = new TemplateRenderer(NixFixtures.fixtureTemplates(), clock, NixFixtures.VERSION);

    @Test
    void rendersEveryListedFileTheImageDataAndTheIdentity() throws Exception {
        Path out = dir.resolve("tree");
        RenderedTree tree = renderer.render(NixFixtures.data(), out);

        assertEquals(out, tree.directory());
        String flake = Files.readString(out.resolve("flake.nix"));
        assertTrue(flake.contains("\"github:NixOS/nixpkgs/nixos-25.11\""), flake);
        assertFalse(flake.contains("@NIXPKGS_BRANCH@"), flake);
        assertArrayEquals(Files.readAllBytes(NixFixtures.fixtureDirectory().resolve("modules/base.nix")),
                Files.readAllBytes(out.resolve("modules/base.nix")), "other templates are copied byte for byte");
        assertTrue(Files.isExecutable(out.resolve("installer/nixpve-install.sh")));
        assertFalse(Files.exists(out.resolve("MANIFEST")), "the manifest is not part of the tree");

        ImageData back = NixJson.MAPPER.readValue(out.resolve(ImageData.FILE_NAME).toFile(), ImageData.class);
        assertEquals(NixFixtures.data(), back);

        BuildIdentity identity = NixJson.MAPPER.readValue(out.resolve(BuildIdentity.FILE_NAME).toFile(),
                BuildIdentity.class);
        assertEquals(tree.identity(), identity);
        assertTrue(identity.buildId().matches("[0-9a-f]{64}"), identity.buildId());
        assertEquals(identity.buildId().substring(0, 20), identity.buildToken());
        assertEquals("NIXPVE_" + identity.buildToken().toUpperCase(), identity.isoVolumeId());
        assertEquals(clock.instant(), identity.renderedAt());
        assertEquals(NixFixtures.VERSION, identity.nixpveVersion());
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".part")), "no temporary files are left");
        }
    }

    @Test
    void imageDataIsWrittenCanonicallyInRecordOrderWithLfLineEnds() throws Exception {
        renderer.render(NixFixtures.data(), dir);
        String json = Files.readString(dir.resolve(ImageData.FILE_NAME));
        assertTrue(json.startsWith("{\n  \"formatVersion\" : 1,\n  \"name\" : \"nixos-base\",\n"), json);
        assertFalse(json.contains("\r"));
        assertTrue(json.endsWith("}\n"));
        List<String> keys = new ArrayList<>();
        Iterator<String> names = NixJson.MAPPER.readTree(json).fieldNames();
        names.forEachRemaining(keys::add);
        assertEquals(List.of("formatVersion", "name", "nixpkgsBranch", "stateVersion", "hostname", "timezone",
                "locale", "keymap", "profile", "packages", "swapMiB", "firmware", "disk", "users", "nfs",
                "installer"), keys);
        JsonNode nfsless = NixJson.MAPPER.readTree(NixJson.canonical(withoutNfs(NixFixtures.data())));
        assertTrue(nfsless.has("nfs") && nfsless.get("nfs").isNull(), "no NFS is an explicit null for the Nix side");
    }

    @Test
    void sameInputsGiveTheSameIdWhateverTheTimeOrDirectory() throws Exception {
        String first = renderer.render(NixFixtures.data(), dir.resolve("a")).identity().buildId();
        clock.advance(Duration.ofDays(3));
        String second = renderer.render(NixFixtures.data(), dir.resolve("b")).identity().buildId();
        String again = renderer.render(NixFixtures.data(), dir.resolve("a")).identity().buildId();
        assertEquals(first, second);
        assertEquals(first, again);
    }

    @Test
    void anyValueChangeGivesANewId() throws Exception {
        String base = renderer.render(NixFixtures.data(), dir.resolve("a")).identity().buildId();
        String host = renderer.render(NixFixtures.data("nixos-base", "nixos-25.11", "other"), dir.resolve("b"))
                .identity().buildId();
        String branch = renderer.render(NixFixtures.data("nixos-base", "nixos-25.05", "nixos"), dir.resolve("c"))
                .identity().buildId();
        assertNotEquals(base, host);
        assertNotEquals(base, branch);
        assertNotEquals(host, branch);
    }

    @Test
    void aTemplateChangeGivesANewId() throws Exception {
        Path templates = copyOfFixtures();
        TemplateRenderer fromCopy = new TemplateRenderer(TemplateSource.directory(templates), clock, "x");
        String before = fromCopy.render(NixFixtures.data(), dir.resolve("a")).identity().buildId();
        assertEquals(renderer.render(NixFixtures.data(), dir.resolve("b")).identity().buildId(), before,
                "the nixpve version is not an input");
        Files.writeString(templates.resolve("modules/base.nix"), "\n", java.nio.file.StandardOpenOption.APPEND);
        String after = fromCopy.render(NixFixtures.data(), dir.resolve("a")).identity().buildId();
        assertNotEquals(before, after);
    }

    @Test
    void aPreviousBuildsLockIsKeptAndCounts() throws Exception {
        String unlocked = renderer.render(NixFixtures.data(), dir).identity().buildId();
        Files.writeString(dir.resolve("flake.lock"), lock("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        String locked = renderer.render(NixFixtures.data(), dir).identity().buildId();
        assertNotEquals(unlocked, locked, "the lock pins nixpkgs, so it is part of the image");
        assertEquals(lock("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), Files.readString(dir.resolve("flake.lock")),
                "a re-render keeps the lock");
        assertEquals(locked, renderer.render(NixFixtures.data(), dir).identity().buildId(), "and is stable with it");

        Files.writeString(dir.resolve("flake.lock"), lock("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
        assertNotEquals(locked, renderer.render(NixFixtures.data(), dir).identity().buildId(), "a new lock, a new id");
    }

    @Test
    void theIdentityFileIsNotAnInput() throws Exception {
        RenderedTree tree = renderer.render(NixFixtures.data(), dir);
        List<String> templates = NixFixtures.fixtureTemplates().files();
        assertEquals(tree.identity().buildId(), BuildId.of(dir, templates));
        Files.writeString(dir.resolve(BuildIdentity.FILE_NAME), "{}");
        assertEquals(tree.identity().buildId(), BuildId.of(dir, templates));
        Files.writeString(dir.resolve(ImageData.FILE_NAME), "{}");
        assertNotEquals(tree.identity().buildId(), BuildId.of(dir, templates));
    }

    @Test
    void staleFilesOfAPreviousRenderAreRemoved() throws Exception {
        renderer.render(NixFixtures.data(), dir);
        Files.writeString(dir.resolve("modules/old.nix"), "{ }");
        Files.createDirectories(dir.resolve("gone/deeper"));
        Files.writeString(dir.resolve("gone/deeper/file"), "x");
        Path outside = Files.writeString(Files.createTempFile("nixpve-outside", ".txt"), "keep me");
        Files.createSymbolicLink(dir.resolve("result"), outside);

        renderer.render(NixFixtures.data(), dir);

        assertFalse(Files.exists(dir.resolve("modules/old.nix")));
        assertFalse(Files.exists(dir.resolve("gone")));
        assertFalse(Files.exists(dir.resolve("result"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep me", Files.readString(outside), "a link's target is not followed");
        Files.delete(outside);
    }

    @Test
    void aForeignNonEmptyDirectoryIsRefusedAndLeftAlone() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        RenderException e = assertThrows(RenderException.class, () -> renderer.render(NixFixtures.data(), dir));
        assertTrue(e.refused());
        assertEquals(dir + " is not empty and holds no previous render (no nixpve-build.json)", e.getMessage());
        assertEquals(RenderException.Reason.FOREIGN_DIRECTORY, e.reason());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("notes.txt")), files.toList());
        }
    }

    @Test
    void aDirectoryWithOnlyALockIsAcceptedAndTheLockKept() throws Exception {
        Files.writeString(dir.resolve("flake.lock"), lock("cccccccccccccccccccccccccccccccccccccccc"));
        renderer.render(NixFixtures.data(), dir);
        assertEquals(lock("cccccccccccccccccccccccccccccccccccccccc"), Files.readString(dir.resolve("flake.lock")));
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        RenderException e = assertThrows(RenderException.class, () -> renderer.render(NixFixtures.data(), file));
        assertTrue(e.getMessage().endsWith("exists and is not a directory"), e.getMessage());
        assertEquals(RenderException.Reason.NOT_A_DIRECTORY, e.reason());
    }

    @Test
    void aBranchThatIsNotAReleaseIsRefusedBeforeAnythingIsWritten() {
        for (String branch : List.of("nixos-unstable", "nixos-25.11\"; evil = \"", "nixos-25.11#x", "")) {
            Path out = dir.resolve("never");
            RenderException e = assertThrows(RenderException.class,
                    () -> renderer.render(NixFixtures.data("n", branch, "h"), out));
            assertTrue(e.refused());
            assertEquals("image.nixpkgs: '" + branch + "' is not a NixOS release branch", e.getMessage());
            assertEquals(RenderException.Reason.BAD_NIXPKGS_BRANCH, e.reason());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void brokenTemplateSetsAreRefusedWithTheManifestLine() throws Exception {
        assertRefused("flake.nix\n../etc/passwd\n", "MANIFEST:2: '../etc/passwd' is not a plain relative path");
        assertRefused("/etc/passwd\n", "MANIFEST:1: '/etc/passwd' is not a plain relative path");
        assertRefused("flake.nix\nflake.lock\n", "MANIFEST:2: 'flake.lock' is written by nixpve or nix itself");
        assertRefused("flake.nix\nnixpve-config.json\n", "'nixpve-config.json' is written by nixpve or nix itself");
        assertRefused("modules/base.nix\n", "lists no flake.nix");
        assertRefused("flake.nix\nmodules/missing.nix\n", "lists modules/missing.nix but has no such file");
    }

    @Test
    void aFlakeWithoutThePlaceholderIsRefused() throws Exception {
        Path templates = copyOfFixtures();
        Files.writeString(templates.resolve("flake.nix"), "{ inputs.nixpkgs.url = \"github:NixOS/nixpkgs\"; }");
        RenderException e = assertThrows(RenderException.class, () -> new TemplateRenderer(
                TemplateSource.directory(templates), clock, "x").render(NixFixtures.data(), dir.resolve("out")));
        assertTrue(e.getMessage().contains("has no @NIXPKGS_BRANCH@ placeholder"), e.getMessage());
        assertEquals(RenderException.Reason.TEMPLATES_BROKEN, e.reason());
    }

    @Test
    void classpathAndDirectorySourcesRenderAlike() throws Exception {
        TemplateRenderer classpath = new TemplateRenderer(TemplateSource.classpath(NixFixtures.FIXTURE_RESOURCE),
                clock, "x");
        assertEquals(renderer.render(NixFixtures.data(), dir.resolve("a")).identity().buildId(),
                classpath.render(NixFixtures.data(), dir.resolve("b")).identity().buildId());
        assertEquals(List.of("flake.nix", "modules/base.nix", "installer/nixpve-install.sh"),
                TemplateSource.classpath(NixFixtures.FIXTURE_RESOURCE).files(), "comments and blanks are skipped");
    }

    @Test
    void theShippedManifestIsReadableAndEveryEntryExists() throws Exception {
        TemplateSource shipped = TemplateSource.classpath();
        for (String file : shipped.files()) {
            assertTrue(shipped.read(file).length > 0, file);
        }
    }

    private void assertRefused(String manifest, String expected) throws Exception {
        Path templates = copyOfFixtures();
        Files.writeString(templates.resolve("MANIFEST"), manifest);
        RenderException e = assertThrows(RenderException.class, () -> new TemplateRenderer(
                TemplateSource.directory(templates), clock, "x").render(NixFixtures.data(), dir.resolve("out")));
        assertTrue(e.refused());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("Hint:"), "the CLI words the remedy: " + e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written for a broken template set");
    }

    private Path copyOfFixtures() throws Exception {
        Path copy = Files.createTempDirectory(dir, "templates");
        Path source = NixFixtures.fixtureDirectory();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return copy;
    }

    static String lock(String rev) {
        return "{\n  \"nodes\": {\n    \"nixpkgs\": {\n      \"locked\": {\n        \"owner\": \"NixOS\",\n"
                + "        \"repo\": \"nixpkgs\",\n        \"rev\": \"" + rev + "\",\n        \"type\": \"github\"\n"
                + "      }\n    },\n    \"root\": {\n      \"inputs\": {\n        \"nixpkgs\": \"nixpkgs\"\n      }\n"
                + "    }\n  },\n  \"root\": \"root\",\n  \"version\": 7\n}\n";
    }

    private static ImageData withoutNfs(ImageData d) {
        return new ImageData(d.formatVersion(), d.name(), d.nixpkgsBranch(), d.stateVersion(), d.hostname(),
                d.timezone(), d.locale(), d.keymap(), d.profile(), d.packages(), d.swapMiB(), d.firmware(), d.disk(),
                d.users(), null, d.installer());
    }
}
