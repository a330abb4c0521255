package dev.nixpve.testing;

import dev.nixpve.config.BuilderTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real OpenSSH sshd on 127.0.0.1 for tests, run as the current user (root or not) from a private
 * 0700 directory under target/: its own ed25519 host key, one authorized client key, public-key
 * login only, internal SFTP, no PAM, no systemd. Commands see {@code PATH=<bin>:<tools>}, where
 * {@link #bin()} is empty for the test to fill (e.g. with a fake {@code nix}) and {@code tools}
 * links only the few programs the tests' commands use, so a real nix on the machine is never found.
 */
public final class SshdServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    /** What the remote side of the tests runs besides the fakes in {@link #bin()}. */
    private static final List<String> SESSION_TOOLS = List.of("sh", "bash", "tar", "gzip", "mkdir", "ls", "sha256sum",
            "rm", "cp", "ln", "cat", "sleep", "head", "env", "id", "printf", "seq");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final int BIND_ATTEMPTS = 5;

    private final Path dir;
    private final Path keygen;
    private final Process process;
    private final int port;

    private SshdServer(Path dir, Path keygen, Process process, int port) {
        this.dir = dir;
        this.keygen = keygen;
        this.process = process;
        this.port = port;
    }

    /** Starts sshd and returns once its port accepts connections; skips the test when sshd is not installed. */
    public static SshdServer start() throws IOException, InterruptedException {
        Path sshd = ExternalTools.require("sshd", "openssh-server");
        Path keygen = ExternalTools.require("ssh-keygen", "openssh-client");
        ensurePrivsepDirectory();
        Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
        Path dir = Files.createTempDirectory(target, "sshd-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectories(dir.resolve("bin"));
        linkTools(Files.createDirectories(dir.resolve("tools")));
        run(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "sshd-host", "-f", dir.resolve("host_key").toString());
        run(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "nixpve-test", "-f", dir.resolve("client_key").toString());
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));

        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int port = freePort();
            Files.writeString(dir.resolve("sshd_config"), config(dir, port));
            Process process = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            try {
                awaitListening(process, port, dir);
                return new SshdServer(dir, keygen, process, port);
            } catch (IOException e) {
                process.destroy();
                process.waitFor();
                last = e;
                if (!Files.readString(dir.resolve("sshd.log")).contains("Address already in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    private static String config(Path dir, int port) {
        boolean root = "root".equals(System.getProperty("user.name"));
        return String.join("\n",
                "Port " + port,
                "ListenAddress " + HOST,
                "HostKey " + quoted(dir.resolve("host_key")),
                "PidFile " + quoted(dir.resolve("sshd.pid")),
                "AuthorizedKeysFile " + quoted(dir.resolve("authorized_keys")),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                // The key files live in a test directory, not in a home sshd would vet.
                "StrictModes no",
                root ? "PermitRootLogin prohibit-password" : "",
                "Subsystem sftp internal-sftp",
                "SetEnv " + quoted("PATH=" + dir.resolve("bin") + ":" + dir.resolve("tools")),
                "PrintMotd no",
                "UseDNS no",
                "") + "\n";
    }

    private static String quoted(Object value) {
        return "\"" + value + "\"";
    }

    /** As root, sshd insists on its privilege separation directory, which only the packaged service creates. */
    private static void ensurePrivsepDirectory() throws IOException {
        Path privsep = Path.of("/run/sshd");
        if ("root".equals(System.getProperty("user.name")) && !Files.isDirectory(privsep)) {
            Files.createDirectories(privsep,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
    }

    private static void linkTools(Path tools) throws IOException {
        for (String tool : SESSION_TOOLS) {
            Optional<Path> found = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool))
                    .filter(Files::isExecutable).findFirst();
            if (found.isPresent()) {
                Files.createSymbolicLink(tools.resolve(tool), found.get());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /** Polls the port every 20 ms for at most 15 s; fails fast with sshd's log when it exits. */
    private static void awaitListening(Process process, int port, Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ":\n"
                        + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), (int) POLL_INTERVAL.toMillis());
                return;
            } catch (IOException notYet) {
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
        throw new IOException("sshd did not listen on " + HOST + ":" + port + " within " + START_TIMEOUT + ":\n"
                + Files.readString(dir.resolve("sshd.log")));
    }

    private static String run(Path program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(command + " failed: " + output);
        }
        return output;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The login user: whoever runs the tests. */
    public String user() {
        return System.getProperty("user.name");
    }

    public BuilderTarget.Ssh target() {
        return new BuilderTarget.Ssh(Optional.of(user()), HOST, port);
    }

    /** The server's private directory; tests may keep their files here. */
    public Path dir() {
        return dir;
    }

    /** First on the session's PATH; empty until the test puts fakes here. */
    public Path bin() {
        return dir.resolve("bin");
    }

    /** The private key the server accepts (passphrase-less ed25519). */
    public Path clientKey() {
        return dir.resolve("client_key");
    }

    /** The host key's fingerprint as {@code ssh-keygen -l} prints it, e.g. {@code SHA256:abc...}. */
    public String hostKeyFingerprint() {
        try {
            return run(keygen, "-l", "-f", dir.resolve("host_key.pub").toString()).split("\\s+")[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A known_hosts line for this server, {@code [127.0.0.1]:PORT ssh-ed25519 AAAA...}. */
    public String knownHostsLine() throws IOException {
        String[] publicKey = Files.readString(dir.resolve("host_key.pub")).strip().split("\\s+");
        return "[" + HOST + "]:" + port + " " + publicKey[0] + " " + publicKey[1];
    }

    /** Writes a further key pair (not authorized); {@code passphrase} may be empty. */
    public Path newKey(String name, String passphrase) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        run(keygen, "-q", "-t", "ed25519", "-N", passphrase, "-C", name, "-f", key.toString());
        return key;
    }

    /** Hashes the host names of a known_hosts file in place, as {@code HashKnownHosts yes} writes them. */
    public void hashKnownHosts(Path knownHosts) throws IOException, InterruptedException {
        run(keygen, "-H", "-f", knownHosts.toString());
        Files.deleteIfExists(Path.of(knownHosts + ".old"));
    }

    /** What sshd logged, for assertion messages. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    /** Stops sshd (its listener's PID; session children end with their connections) and removes the directory. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
