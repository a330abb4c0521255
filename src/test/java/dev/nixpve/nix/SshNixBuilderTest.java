package dev.nixpve.nix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.BuildSettings;
import dev.nixpve.config.BuilderTarget;
import dev.nixpve.event.Event;
import dev.nixpve.event.OutputLine;
import dev.nixpve.event.ProgressEvent;
import dev.nixpve.ssh.ShellQuote;
import dev.nixpve.testing.SshdServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ssh:// builder against a real sshd on 127.0.0.1 whose sessions find a fake {@code nix} first
 * on their PATH: it checks it runs in the unpacked tree, logs, links {@code result} to a stand-in
 * store path holding a known ISO and writes a flake.lock.
 */
class SshNixBuilderTest {

    private static final String BUILD_ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String TOKEN = BuildIdentity.tokenFor(BUILD_ID);
    private static final String REV = "5e4fbfb6b3de1aa2872b76d49fafc942626e2add";

    private SshdServer server;
    private Path tree;
    private Path outDir;
    private Path remoteDir;
    private byte[] iso;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException, InterruptedException {
        server = SshdServer.start();
        // A space and a quote, so every remote command must quote the path.
        remoteDir = server.dir().resolve("remote dir's");
        outDir = server.dir().resolve("out");
        tree = renderTree(server.dir().resolve("tree"));
        iso = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(iso);
        Files.write(server.dir().resolve("fixture.iso"), iso);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (server != null) { // null when the test was skipped for want of sshd
            server.close();
        }
    }

    @Test
    void buildsRemotelyAndDownloadsTheCheckedIso() throws Exception {
        fakeNix(successfulNix());

        BuiltIso built = builder(pinned()).build(renderedTree(), outDir, events::add);

        assertEquals(outDir.resolve("nixos-test.iso"), built.iso());
        assertArrayEquals(iso, Files.readAllBytes(built.iso()));
        assertEquals(iso.length, built.size());
        assertEquals(sha256(iso), built.sha256());
        assertEquals(Optional.of(REV), built.nixpkgsRevision());
        assertTrue(Files.readString(tree.resolve("flake.lock")).contains(REV), "flake.lock came back into the tree");

        List<String> nixLines = events.stream().filter(OutputLine.class::isInstance).map(OutputLine.class::cast)
                .peek(line -> assertEquals("nix@127.0.0.1", line.source())).map(OutputLine::line).toList();
        assertTrue(nixLines.contains("fake-nix args: --extra-experimental-features nix-command flakes build "
                + "--print-build-logs --out-link result " + SshNixBuilder.INSTALLER_ATTRIBUTE), nixLines.toString());
        assertTrue(nixLines.contains("building '/nix/store/aaaa-nixos-test.iso.drv'..."), "stderr is streamed too");

        List<ProgressEvent> progress = events.stream().filter(ProgressEvent.class::isInstance)
                .map(ProgressEvent.class::cast).toList();
        assertTrue(progress.size() >= 3, progress.toString());
        assertTrue(progress.stream().allMatch(p -> p.operation().equals("download") && p.total() == iso.length));
        assertTrue(progress.get(progress.size() - 1).finished());

        assertFalse(Files.exists(remoteDir.resolve(TOKEN)), "the remote build directory is removed after success");
        try (Stream<Path> files = Files.list(outDir)) {
            assertEquals(List.of("nixos-test.iso"), files.map(p -> p.getFileName().toString()).toList(),
                    "no partial download or packed tree is left behind");
        }
    }

    @Test
    void aFailingBuildReportsHostExitCodeAndTheLastLines() throws Exception {
        fakeNix("for i in $(seq 1 40); do echo \"log line $i\"; done\necho 'error: builder for nixos.iso failed' >&2\nexit 1\n");

        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> builder(pinned()).build(renderedTree(), outDir, events::add));

        assertTrue(e.getMessage().contains("ssh://" + server.user() + "@127.0.0.1:" + server.port()), e.getMessage());
        assertTrue(e.getMessage().contains("exit code 1 (the tree stays in " + remoteDir.resolve(TOKEN) + " on the "
                + "host); last lines: log line 39 | log line 40 | error: builder for nixos.iso failed"), e.getMessage());
        assertEquals(30, e.logTail().size(), "only the last 30 lines");
        assertEquals("log line 12", e.logTail().get(0));
        assertEquals("error: builder for nixos.iso failed", e.logTail().get(29));
        assertEquals(IsoBuildException.Reason.BUILD_FAILED, e.reason());
        assertEquals(Optional.of(SshNixBuilder.nixBuildCommand(remoteDir.resolve(TOKEN).toString())), e.rerun(),
                "the command that reruns it by hand");
        assertTrue(Files.exists(remoteDir.resolve(TOKEN).resolve("flake.nix")), "the tree stays for a rerun by hand");
    }

    @Test
    void nixMissingOnTheHostIsNamed() throws Exception {
        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> builder(pinned()).build(renderedTree(), outDir, events::add));
        assertTrue(e.getMessage().startsWith("nix is not installed on ssh://"), e.getMessage());
        assertTrue(e.getMessage().contains("exit code 127"), e.getMessage());
        assertEquals(IsoBuildException.Reason.NIX_NOT_ON_HOST, e.reason());
    }

    @Test
    void aBuildPastTheTimeoutFails() throws Exception {
        fakeNix("echo 'still evaluating'\nsleep 8\n");
        BuildSettings settings = new BuildSettings(server.target(), Duration.ofMillis(500), Optional.of(server.clientKey()),
                Optional.empty(), Optional.of(server.hostKeyFingerprint()), remoteDir.toString(), "unused");

        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> new SshNixBuilder(server.target(), settings).build(renderedTree(), outDir, events::add));
        assertTrue(e.getMessage().endsWith("did not finish within PT0.5S"), e.getMessage());
        assertEquals(IsoBuildException.Reason.BUILD_TIMED_OUT, e.reason(), "the CLI's hint names build.timeout");
        assertEquals(List.of("still evaluating"), e.logTail());
    }

    @Test
    void aDownloadThatDoesNotMatchTheHostsChecksumIsDiscarded() throws Exception {
        fakeNix(successfulNix());
        // First on PATH, so the host "computes" a different checksum than the bytes that arrive.
        script("sha256sum", "echo '" + "0".repeat(64) + "  result/iso/nixos-test.iso'\n");

        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> builder(pinned()).build(renderedTree(), outDir, events::add));
        assertTrue(e.getMessage().contains("has SHA-256 " + sha256(iso) + " but the host computed 000"), e.getMessage());
        assertEquals(IsoBuildException.Reason.DOWNLOAD_CORRUPTED, e.reason());
        try (Stream<Path> files = Files.list(outDir)) {
            assertEquals(List.of(), files.toList(), "nothing that looks like an ISO is left");
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedBeforeAnythingIsUploaded() throws Exception {
        fakeNix(successfulNix());
        Path knownHosts = Files.writeString(server.dir().resolve("known_hosts"), "");
        BuildSettings settings = new BuildSettings(server.target(), Duration.ofMinutes(5), Optional.of(server.clientKey()),
                Optional.of(knownHosts), Optional.empty(), remoteDir.toString(), "unused");

        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> new SshNixBuilder(server.target(), settings).build(renderedTree(), outDir, events::add));
        assertTrue(e.getMessage().contains(server.hostKeyFingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-keyscan -p " + server.port() + " 127.0.0.1"), e.getMessage());
        assertFalse(Files.exists(remoteDir), "nothing was uploaded");
        try (Stream<Path> files = Files.list(outDir)) {
            assertEquals(List.of(), files.toList(), "the packed tree is cleaned up");
        }
    }

    @Test
    void aRefusedKeyIsAnAuthErrorWithoutKeyMaterial() throws Exception {
        Path stranger = server.newKey("stranger", "");
        BuildSettings settings = new BuildSettings(server.target(), Duration.ofMinutes(5), Optional.of(stranger),
                Optional.empty(), Optional.of(server.hostKeyFingerprint()), remoteDir.toString(), "unused");

        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> new SshNixBuilder(server.target(), settings).build(renderedTree(), outDir, events::add));
        assertTrue(e.getMessage().contains("refused the key") && e.getMessage().contains(stranger.toString()),
                e.getMessage());
        String privateKey = Files.readString(stranger);
        for (String line : privateKey.split("\n")) {
            if (!line.startsWith("-----") && line.length() > 16) {
                assertFalse(e.getMessage().contains(line));
            }
        }
        assertFalse(e.getMessage().contains("PRIVATE KEY"));
        assertFalse(Files.exists(remoteDir), "nothing was uploaded");
    }

    @Test
    void describeIsTheBuilderUrl() {
        BuilderTarget.Ssh target = new BuilderTarget.Ssh(Optional.of("nix"), "builder.example", 22);
        assertEquals("ssh://nix@builder.example", new SshNixBuilder(target, settings(target, Optional.empty())).describe());
    }

    @Test
    void locksOnTheHostAndBringsTheLockBackWithoutBuilding() throws Exception {
        fakeNix(lockingNix());

        Optional<String> revision = builder(pinned()).lock(renderedTree(), events::add);

        assertEquals(Optional.of(REV), revision);
        assertTrue(Files.readString(tree.resolve("flake.lock")).contains(REV), "flake.lock is in the local tree");
        List<String> nixLines = events.stream().filter(OutputLine.class::isInstance).map(OutputLine.class::cast)
                .map(OutputLine::line).toList();
        assertEquals(List.of("fake-nix args: --extra-experimental-features nix-command flakes flake lock"), nixLines);
        assertFalse(Files.exists(remoteDir.resolve(TOKEN)), "the remote directory is removed");
        assertFalse(Files.exists(server.dir().resolve("store")), "nothing was built");
    }

    @Test
    void aTreeWithALockIsNotLockedAgain() throws Exception {
        Files.writeString(tree.resolve("flake.lock"), "{\"nodes\":{\"nixpkgs\":{\"locked\":{\"rev\":\"" + REV
                + "\"}},\"root\":{\"inputs\":{\"nixpkgs\":\"nixpkgs\"}}},\"root\":\"root\",\"version\":7}");
        fakeNix("echo 'nix must not run' >&2\nexit 9\n");

        assertEquals(Optional.of(REV), builder(pinned()).lock(renderedTree(), events::add));
        assertTrue(events.isEmpty(), "no connection, no output: " + events);
    }

    @Test
    void aFailingLockSaysSoWithTheLastLines() throws Exception {
        fakeNix("echo \"error: unable to download 'https://github.com/NixOS/nixpkgs/archive/x.tar.gz'\"\nexit 1\n");

        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> builder(pinned()).lock(renderedTree(), events::add));

        assertTrue(e.getMessage().startsWith("nix flake lock on ssh://"), e.getMessage());
        assertTrue(e.getMessage().contains("unable to download"), e.getMessage());
        assertFalse(Files.exists(tree.resolve("flake.lock")));
    }

    @Test
    void theRemoteDirectoryIsRelativeToHomeUnlessAbsolute() {
        assertEquals("nixpve-build/" + TOKEN, SshNixBuilder.remoteBuildDir("nixpve-build", TOKEN));
        assertEquals("nixpve-build/" + TOKEN, SshNixBuilder.remoteBuildDir("nixpve-build/", TOKEN));
        assertEquals("b/c/" + TOKEN, SshNixBuilder.remoteBuildDir("~/b/c", TOKEN));
        assertEquals(TOKEN, SshNixBuilder.remoteBuildDir("~", TOKEN));
        assertEquals("/srv/build/" + TOKEN, SshNixBuilder.remoteBuildDir("/srv/build/", TOKEN));
        assertEquals("/" + TOKEN, SshNixBuilder.remoteBuildDir("/", TOKEN));
    }

    private String successfulNix() {
        Path store = server.dir().resolve("store/aaaa-nixos-test.iso");
        return String.join("\n",
                "echo \"fake-nix args: $*\"",
                "test -f flake.nix || { echo \"error: no flake.nix in $PWD\" >&2; exit 2; }",
                "test -x install.sh || { echo 'error: install.sh is not executable' >&2; exit 2; }",
                "test ! -e tree.tar.gz || { echo 'error: the archive was not removed' >&2; exit 2; }",
                "echo \"building '/nix/store/aaaa-nixos-test.iso.drv'...\" >&2",
                "mkdir -p " + ShellQuote.quote(store + "/iso"),
                "cp " + ShellQuote.quote(server.dir().resolve("fixture.iso").toString()) + " "
                        + ShellQuote.quote(store + "/iso/nixos-test.iso"),
                "ln -sfn " + ShellQuote.quote(store.toString()) + " result",
                "printf '%s\\n' '{\"nodes\":{\"nixpkgs\":{\"locked\":{\"rev\":\"" + REV + "\"}},"
                        + "\"root\":{\"inputs\":{\"nixpkgs\":\"nixpkgs\"}}},\"root\":\"root\",\"version\":7}' > flake.lock",
                "echo 'fake-nix: done'",
                "");
    }

    private String lockingNix() {
        return String.join("\n",
                "echo \"fake-nix args: $*\"",
                "test -f flake.nix || { echo \"error: no flake.nix in $PWD\" >&2; exit 2; }",
                "printf '%s\\n' '{\"nodes\":{\"nixpkgs\":{\"locked\":{\"rev\":\"" + REV + "\"}},"
                        + "\"root\":{\"inputs\":{\"nixpkgs\":\"nixpkgs\"}}},\"root\":\"root\",\"version\":7}' > flake.lock",
                "");
    }

    private void fakeNix(String body) throws IOException {
        script("nix", body);
    }

    private void script(String name, String body) throws IOException {
        Path script = Files.writeString(server.bin().resolve(name), "#!/bin/sh\nset -eu\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private SshNixBuilder builder(BuildSettings settings) {
        return new SshNixBuilder(server.target(), settings);
    }

    private BuildSettings pinned() {
        return settings(server.target(), Optional.of(server.hostKeyFingerprint()));
    }

    private BuildSettings settings(BuilderTarget.Ssh target, Optional<String> fingerprint) {
        return new BuildSettings(target, Duration.ofMinutes(5), Optional.of(server.clientKey()), Optional.empty(),
                fingerprint, remoteDir.toString(), "unused");
    }

    private RenderedTree renderedTree() {
        return new RenderedTree(tree, new BuildIdentity(BUILD_ID, TOKEN, BuildIdentity.volumeIdFor(TOKEN),
                Instant.parse("2026-01-01T00:00:00Z"), "test"));
    }

    private static Path renderTree(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("modules"));
        Files.writeString(tree.resolve("flake.nix"), "{ outputs = _: { }; }\n");
        Files.writeString(tree.resolve("modules/installer.nix"), "{ }\n");
        Files.writeString(tree.resolve("install.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tree.resolve("install.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        // An out-link from an earlier local build: must not travel.
        Files.createSymbolicLink(tree.resolve("result"), Path.of("/nix/store/0000-old"));
        return tree;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
