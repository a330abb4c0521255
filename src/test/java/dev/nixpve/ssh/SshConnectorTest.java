package dev.nixpve.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.BuildSettings;
import dev.nixpve.config.BuilderTarget;
import dev.nixpve.testing.SshdServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Host-key policy and authentication against a real sshd on 127.0.0.1. */
class SshConnectorTest {

    private SshdServer server;
    private Path home;

    @BeforeEach
    void startServer() throws IOException, InterruptedException {
        server = SshdServer.start();
        home = Files.createDirectories(server.dir().resolve("home"));
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) { // null when the test was skipped for want of sshd
            server.close();
        }
    }

    @Test
    void aKnownHostsEntryWithBracketedPortIsAccepted() throws Exception {
        Path knownHosts = knownHosts(server.knownHostsLine());
        assertLogsIn(settings(Optional.of(server.clientKey()), Optional.of(knownHosts), Optional.empty()));
    }

    @Test
    void aHashedKnownHostsEntryIsAccepted() throws Exception {
        Path knownHosts = knownHosts(server.knownHostsLine());
        server.hashKnownHosts(knownHosts);
        assertTrue(Files.readString(knownHosts).startsWith("|1|"), "the entry is hashed");
        assertLogsIn(settings(Optional.of(server.clientKey()), Optional.of(knownHosts), Optional.empty()));
    }

    @Test
    void theMatchingPinnedFingerprintIsAccepted() throws Exception {
        assertLogsIn(settings(Optional.of(server.clientKey()), Optional.empty(), Optional.of(server.hostKeyFingerprint())));
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintAndHowToAddIt() throws Exception {
        Path knownHosts = knownHosts("");
        SshException e = refused(settings(Optional.of(server.clientKey()), Optional.of(knownHosts), Optional.empty()));
        assertEquals(SshException.Kind.HOST_KEY_UNKNOWN, e.kind());
        assertTrue(e.getMessage().contains(server.hostKeyFingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + knownHosts),
                e.getMessage());
        assertTrue(e.getMessage().contains("build.hostKeyFingerprint"), e.getMessage());
        assertEquals("", Files.readString(knownHosts), "known_hosts is never written");
    }

    @Test
    void aChangedHostKeyIsRefused() throws Exception {
        Path other = server.newKey("other_host", "");
        String[] otherKey = Files.readString(Path.of(other + ".pub")).split("\\s+");
        Path knownHosts = knownHosts("[127.0.0.1]:" + server.port() + " " + otherKey[0] + " " + otherKey[1]);
        SshException e = refused(settings(Optional.of(server.clientKey()), Optional.of(knownHosts), Optional.empty()));
        assertEquals(SshException.Kind.HOST_KEY_CHANGED, e.kind());
        assertTrue(e.getMessage().contains(server.hostKeyFingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-keygen -R '[127.0.0.1]:" + server.port() + "'"), e.getMessage());
    }

    @Test
    void aWrongPinnedFingerprintIsRefused() throws Exception {
        String wrong = "SHA256:" + "A".repeat(43);
        SshException e = refused(settings(Optional.of(server.clientKey()), Optional.empty(), Optional.of(wrong)));
        assertEquals(SshException.Kind.HOST_KEY_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains(server.hostKeyFingerprint()), e.getMessage());
        assertTrue(e.getMessage().contains("not build.hostKeyFingerprint " + wrong), e.getMessage());
    }

    @Test
    void aKeyTheHostDoesNotAcceptIsAnAuthErrorWithoutKeyMaterial() throws Exception {
        Path stranger = server.newKey("stranger", "");
        SshException e = refused(settings(Optional.of(stranger), Optional.empty(), Optional.of(server.hostKeyFingerprint())));
        assertEquals(SshException.Kind.AUTH_REFUSED, e.kind());
        assertTrue(e.getMessage().contains(stranger.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
        assertNoKeyMaterial(e, stranger);
    }

    @Test
    void anEncryptedKeyIsAClearErrorBeforeConnecting() throws Exception {
        Path locked = server.newKey("locked", "correct horse");
        SshException e = refused(settings(Optional.of(locked), Optional.empty(), Optional.of(server.hostKeyFingerprint())));
        assertEquals(SshException.Kind.KEY_UNUSABLE, e.kind());
        assertTrue(e.getMessage().contains("encrypted with a passphrase"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-agent"), e.getMessage());
        assertFalse(e.getMessage().contains("correct horse"));
        assertNoKeyMaterial(e, locked);
    }

    @Test
    void aPublicKeyFileGivenAsIdentityIsNamed() throws Exception {
        Path publicKey = Path.of(server.clientKey() + ".pub");
        SshException e = refused(settings(Optional.of(publicKey), Optional.empty(), Optional.of(server.hostKeyFingerprint())));
        assertEquals(SshException.Kind.KEY_UNUSABLE, e.kind());
        assertTrue(e.getMessage().contains(publicKey.toString()) && e.getMessage().contains("not the .pub"), e.getMessage());
        assertNoKeyMaterial(e, server.clientKey());
    }

    @Test
    void withoutSettingsTheDefaultKeyKnownHostsAndLocalUserAreUsed() throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.copy(server.clientKey(), ssh.resolve("id_ed25519"));
        Files.writeString(ssh.resolve("known_hosts"), server.knownHostsLine() + "\n");
        BuilderTarget.Ssh noUser = new BuilderTarget.Ssh(Optional.empty(), server.host(), server.port());
        SshConnector connector = new SshConnector(settings(Optional.empty(), Optional.empty(), Optional.empty()), home,
                server.user());
        try (SshSession session = connector.connect(noUser)) {
            assertEquals("ssh://" + server.user() + "@127.0.0.1:" + server.port(), session.describe());
            assertEquals(List.of(server.user()), run(session, "id -un"));
        }
    }

    @Test
    void withoutAnyKeyTheErrorSaysWhereItLooked() throws Exception {
        SshException e = refused(settings(Optional.empty(), Optional.empty(), Optional.of(server.hostKeyFingerprint())));
        assertEquals(SshException.Kind.KEY_UNUSABLE, e.kind());
        assertTrue(e.getMessage().contains("id_ed25519") && e.getMessage().contains("build.sshIdentity"), e.getMessage());
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        BuilderTarget.Ssh target = new BuilderTarget.Ssh(Optional.of(server.user()), "127.0.0.1", closed);
        SshConnector connector = new SshConnector(
                settings(Optional.of(server.clientKey()), Optional.empty(), Optional.of(server.hostKeyFingerprint())),
                home, server.user());
        SshException e = assertThrows(SshException.class, () -> connector.connect(target));
        assertEquals(SshException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closed), e.getMessage());
    }

    private void assertLogsIn(BuildSettings settings) throws Exception {
        try (SshSession session = new SshConnector(settings, home, "nobody-local").connect(server.target())) {
            assertEquals(List.of("hello"), run(session, "echo hello"));
        }
    }

    private SshException refused(BuildSettings settings) {
        SshConnector connector = new SshConnector(settings, home, "nobody-local");
        return assertThrows(SshException.class, () -> connector.connect(server.target()).close());
    }

    private static void assertNoKeyMaterial(SshException e, Path key) throws IOException {
        String everything = messages(e);
        assertFalse(everything.contains("PRIVATE KEY"), everything);
        for (String line : Files.readAllLines(key)) {
            if (!line.startsWith("-----") && line.length() > 16) {
                assertFalse(everything.contains(line), "private key text in: " + everything);
            }
        }
        String publicBlob = Files.readString(Path.of(key + ".pub")).split("\\s+")[1];
        assertFalse(everything.contains(publicBlob), everything);
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private Path knownHosts(String line) throws IOException {
        return Files.writeString(server.dir().resolve("known_hosts"), line.isEmpty() ? "" : line + "\n");
    }

    static List<String> run(SshSession session, String command) throws Exception {
        List<String> lines = new ArrayList<>();
        assertEquals(0, session.exec(command, lines::add, Duration.ofSeconds(30)));
        return lines;
    }

    static BuildSettings settings(Optional<Path> identity, Optional<Path> knownHosts, Optional<String> fingerprint) {
        return new BuildSettings(new BuilderTarget.Local(), Duration.ofMinutes(5), identity, knownHosts, fingerprint,
                "nixpve-build", "docker.io/nixos/nix:2.28.4");
    }
}
