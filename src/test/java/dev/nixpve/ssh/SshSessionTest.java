package dev.nixpve.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.testing.SshdServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands and SFTP against a real sshd on 127.0.0.1. */
class SshSessionTest {

    private SshdServer server;
    private SshSession session;

    @BeforeEach
    void connect() throws Exception {
        server = SshdServer.start();
        session = new SshConnector(SshConnectorTest.settings(Optional.of(server.clientKey()), Optional.empty(),
                Optional.of(server.hostKeyFingerprint())), server.dir(), "unused").connect(server.target());
    }

    @AfterEach
    void disconnect() throws IOException {
        if (session != null) {
            session.close();
        }
        if (server != null) { // null when the test was skipped for want of sshd
            server.close();
        }
    }

    @Test
    void execStreamsStdoutAndStderrLinesAndReturnsTheExitCode() throws Exception {
        List<String> lines = new ArrayList<>();
        int exit = session.exec("echo out1; echo err1 >&2; printf 'out2\\nno-newline'; exit 3", lines::add,
                Duration.ofSeconds(30));
        assertEquals(3, exit);
        assertTrue(lines.containsAll(List.of("out1", "err1", "out2", "no-newline")), lines.toString());
        assertEquals(4, lines.size(), lines.toString());
    }

    @Test
    void aMissingCommandExitsWith127() throws Exception {
        List<String> lines = new ArrayList<>();
        assertEquals(127, session.exec("no-such-command-here", lines::add, Duration.ofSeconds(30)));
        assertTrue(lines.stream().anyMatch(l -> l.contains("not found")), lines.toString());
    }

    @Test
    void aCommandPastItsTimeoutIsAbandonedWithoutWaitingForIt() {
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        SshException e = assertThrows(SshException.class,
                () -> session.exec("echo started; sleep 8", lines::add, Duration.ofMillis(500)));
        assertEquals(SshException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("PT0.5S"), e.getMessage());
        assertEquals(List.of("started"), lines);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0,
                "returned without waiting for the command");
    }

    @Test
    void uploadAndDownloadRoundTripWithProgressAndChecksum() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 123];
        new Random(42).nextBytes(data);
        Path local = Files.write(server.dir().resolve("data.bin"), data);
        String remoteDir = server.dir().resolve("remote/a b/c").toString();

        session.mkdirs(remoteDir);
        session.upload(local, remoteDir + "/data.bin");
        assertArrayEquals(data, Files.readAllBytes(Path.of(remoteDir, "data.bin")));

        List<long[]> progress = new ArrayList<>();
        Path back = server.dir().resolve("back.bin");
        Download download = session.download(remoteDir + "/data.bin", back, (done, total) -> progress.add(new long[] {done, total}));
        assertArrayEquals(data, Files.readAllBytes(back));
        assertEquals(data.length, download.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), download.sha256());
        assertTrue(progress.size() >= 4, "progress along the way: " + progress.size());
        assertArrayEquals(new long[] {0, data.length}, progress.get(0));
        assertArrayEquals(new long[] {data.length, data.length}, progress.get(progress.size() - 1));
    }

    @Test
    void downloadingAMissingFileIsATransferError() {
        SshException e = assertThrows(SshException.class, () -> session.download(
                server.dir().resolve("nothing-here").toString(), server.dir().resolve("x"), TransferProgress.none()));
        assertEquals(SshException.Kind.TRANSFER, e.kind());
        assertTrue(e.getMessage().contains("nothing-here"), e.getMessage());
    }
}
