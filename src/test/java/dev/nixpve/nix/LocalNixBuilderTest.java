package dev.nixpve.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.Event;
import dev.nixpve.event.OutputLine;
import dev.nixpve.event.ProgressEvent;
import dev.nixpve.exec.LocalProcessRunner;
import dev.nixpve.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local builder against a fake nix first on PATH: real processes, no real Nix. */
class LocalNixBuilderTest {

    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock();
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    FakeNix nix;
    Path out;
    RenderedTree tree;

    @BeforeEach
    void render() throws Exception {
        nix = new FakeNix(dir);
        out = dir.resolve("out");
        tree = new TemplateRenderer(NixFixtures.fixtureTemplates(), clock, "x").render(NixFixtures.data(),
                out.resolve("tree"));
    }

    LocalNixBuilder builder(Duration timeout) {
        return new LocalNixBuilder(new LocalProcessRunner(clock), nix.environment(), timeout);
    }

    @Test
    void locksTheTreeWithoutBuildingAndReturnsTheRevision() throws Exception {
        nix.locking();

        assertEquals(Optional.of(FakeNix.REV), builder(Duration.ofHours(2)).lock(tree, events::add));

        assertEquals(List.of("--extra-experimental-features", "nix-command flakes", "flake", "lock",
                "path:" + tree.directory()), Files.readAllLines(dir.resolve("args")));
        assertEquals(tree.directory().toRealPath().toString(), Files.readString(dir.resolve("cwd")).strip());
        assertTrue(Files.readString(tree.directory().resolve("flake.lock")).contains(FakeNix.REV));
        assertFalse(Files.exists(nix.store), "nothing was built");
    }

    @Test
    void aLockedTreeIsNotLockedAgain() throws Exception {
        nix.locking();
        builder(Duration.ofHours(2)).lock(tree, events::add);
        Files.delete(dir.resolve("args"));

        assertEquals(Optional.of(FakeNix.REV), builder(Duration.ofHours(2)).lock(tree, events::add));
        assertFalse(Files.exists(dir.resolve("args")), "nix did not run again");
    }

    @Test
    void aFailingLockGivesTheLastLines() throws Exception {
        nix.failing(3);

        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> builder(Duration.ofHours(2)).lock(tree, events::add));

        assertTrue(e.getMessage().startsWith("nix flake lock failed with exit code 1"), e.getMessage());
        assertEquals(List.of("log line 1", "log line 2", "log line 3"), e.logTail());
        assertFalse(Files.exists(tree.directory().resolve("flake.lock")));
    }

    @Test
    void buildsCopiesAndChecksumsTheIsoAndReadsTheNixpkgsRevision() throws Exception {
        nix.succeeding();
        BuiltIso iso = builder(Duration.ofHours(2)).build(tree, out, events::add);

        Path expected = out.resolve("nixpve-nixos-base-" + tree.identity().buildToken() + ".iso");
        assertEquals(expected, iso.iso());
        assertEquals(FakeNix.ISO_BYTES, Files.readString(expected));
        assertEquals(FakeNix.ISO_BYTES.length(), iso.size());
        assertEquals(sha256(FakeNix.ISO_BYTES), iso.sha256());
        assertEquals(Optional.of(FakeNix.REV), iso.nixpkgsRevision());
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".part")));
        }

        assertEquals(List.of("--extra-experimental-features", "nix-command flakes", "build", "--print-build-logs",
                "--no-link", "--print-out-paths",
                "path:" + tree.directory() + "#nixosConfigurations.installer.config.system.build.isoImage"),
                Files.readAllLines(dir.resolve("args")));
        assertEquals(tree.directory().toRealPath().toString(), Files.readString(dir.resolve("cwd")).strip());

        List<String> lines = events.stream().filter(e -> e instanceof OutputLine).map(e -> ((OutputLine) e).line())
                .toList();
        assertEquals(List.of("evaluating derivation 'path:...#nixosConfigurations.installer'",
                "building '/nix/store/abc-nixos.iso.drv'...", "nixos.iso> xorriso : UPDATE : 100.00% done"),
                lines.stream().filter(l -> !l.startsWith("/")).toList(), "the build log in the order nix printed it");
        assertTrue(lines.contains(nix.store.resolve("xyz-nixos.iso").toString()));
        assertTrue(events.stream().allMatch(e -> !(e instanceof OutputLine o) || o.source().equals("nix")));
        assertTrue(events.stream().anyMatch(e -> e instanceof ProgressEvent p && p.finished()
                && p.done() == FakeNix.ISO_BYTES.length()), "the copy reports progress");
    }

    @Test
    void aFailedBuildSaysHowItEndedWithTheLastThirtyLines() throws Exception {
        nix.failing(40);
        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> builder(Duration.ofHours(2)).build(tree, out, events::add));
        assertEquals("nix build failed with exit code 1 after 0s; last lines: log line 38 | log line 39 | log line 40",
                e.getMessage());
        assertEquals(IsoBuildException.Reason.BUILD_FAILED, e.reason());
        assertEquals(IsoBuildException.LogShows.NOTHING_KNOWN, e.logShows());
        assertEquals(30, e.logTail().size());
        assertEquals("log line 11", e.logTail().get(0));
        assertEquals("log line 40", e.logTail().get(29));
        assertEquals(40, events.stream().filter(ev -> ev instanceof OutputLine).count(), "every line was streamed");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("tree")), files.toList(), "no ISO for a failed build");
        }
    }

    @Test
    void aBuildOverItsTimeoutIsStopped() throws Exception {
        nix.hanging();
        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> builder(Duration.ofMillis(300)).build(tree, out, events::add));
        assertEquals("nix build did not finish within 300ms (build.timeout) and was stopped; last lines: building...",
                e.getMessage());
        assertEquals(IsoBuildException.Reason.BUILD_TIMED_OUT, e.reason());
        assertEquals(List.of("building..."), e.logTail());
    }

    @Test
    void noNixOnPathSaysSo() {
        LocalNixBuilder builder = new LocalNixBuilder(new LocalProcessRunner(clock), Map.of("PATH", nix.bin.toString()),
                Duration.ofHours(2));
        IsoBuildException e = assertThrows(IsoBuildException.class, () -> builder.build(tree, out, events::add));
        assertEquals("nix is not installed here (no 'nix' on PATH)", e.getMessage());
        assertEquals(IsoBuildException.Reason.NIX_NOT_INSTALLED, e.reason());
    }

    @Test
    void aSuccessWithoutAnOutputPathOrWithoutOneIsoIsAnError() throws Exception {
        nix.printing("");
        IsoBuildException none = assertThrows(IsoBuildException.class,
                () -> builder(Duration.ofHours(2)).build(tree, out, events::add));
        assertEquals("nix build succeeded but printed no output path", none.getMessage());
        assertEquals(IsoBuildException.Reason.NO_OUTPUT_PATH, none.reason());

        Path result = Files.createDirectories(dir.resolve("store/two/iso"));
        Files.writeString(result.resolve("a.iso"), "a");
        Files.writeString(result.resolve("b.iso"), "b");
        nix.printing(dir.resolve("store/two").toString());
        IsoBuildException two = assertThrows(IsoBuildException.class,
                () -> builder(Duration.ofHours(2)).build(tree, out, events::add));
        assertTrue(two.getMessage().endsWith("holds 2 .iso files instead of one"), two.getMessage());
        assertEquals(IsoBuildException.Reason.NOT_ONE_ISO, two.reason());
    }

    @Test
    void knownFailuresAreReadFromTheLog() {
        assertEquals(IsoBuildException.LogShows.DISK_FULL,
                BuildFailures.shows(List.of("error: writing to file: No space left on device")));
        assertEquals(IsoBuildException.LogShows.NIX_TOO_OLD,
                BuildFailures.shows(List.of("error: unrecognised flag '--print-out-paths'")));
        assertEquals(IsoBuildException.LogShows.NIX_DAEMON_DOWN, BuildFailures.shows(List.of("error: cannot connect "
                + "to socket at '/nix/var/nix/daemon-socket/socket': Connection refused")));
        assertEquals(IsoBuildException.LogShows.DOCKER_NOT_PERMITTED, BuildFailures.shows(List.of("permission denied "
                + "while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock")));
        assertEquals(IsoBuildException.LogShows.NOTHING_KNOWN, BuildFailures.shows(List.of("error: builder failed")));
        assertEquals("1h02m", BuildFailures.human(Duration.ofMinutes(62)));
        assertEquals("3m05s", BuildFailures.human(Duration.ofSeconds(185)));
    }

    @Test
    void theFlakeReferenceIsAPathUrlWithOddCharactersEncoded() {
        assertEquals("path:/tmp/a%20b/%C3%BC/x%23y", NixBuild.pathRef(Path.of("/tmp/a b/\u00fc/x#y")));
        assertEquals("path:/srv/nixpve-out/tree_1.2", NixBuild.pathRef(Path.of("/srv/nixpve-out/tree_1.2")));
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
