package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.testing.FakeClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failing runs with recognisable secrets set, each down a different error path (PVE refusing the
 * token or the password, an installer failing, a Nix build and an SSH builder failing, a push to a
 * Pushgateway with basic auth failing, all with --verbose stack traces): no secret may appear on
 * stdout or stderr, in the debug log, build-report.json, templates.json or the metrics file.
 */
class SecretsOnErrorPathsTest {

    static final String TOKEN_SECRET = "SECRET-TOKEN-7f3a9c2e-51b4-4d0e-9a6c-0b7e2d4f8a11";
    static final String PASSWORD = "SECRET-PASSWORD-c4f1e8a2";
    static final String PUSH_PASSWORD = "SECRET-PUSH-9d2b7e60";
    static final String KEY_BODY = "SECRET-SSHKEY-b3e9a4c7d1f0";
    static final List<String> SECRETS = List.of(TOKEN_SECRET, PASSWORD, PUSH_PASSWORD, KEY_BODY);
    private static final String BUILD_TOKEN = "0123456789abcdef0123";
    private static final Set<String> ALL = Set.of("Datastore.Allocate", "Datastore.AllocateSpace",
            "Datastore.AllocateTemplate", "Datastore.Audit", "Sys.Audit", "Sys.Modify", "SDN.Use", "VM.Allocate",
            "VM.Audit", "VM.Clone", "VM.Config.CDROM", "VM.Config.CPU", "VM.Config.Cloudinit", "VM.Config.Disk",
            "VM.Config.HWType", "VM.Config.Memory", "VM.Config.Network", "VM.Config.Options", "VM.Console",
            "VM.GuestAgent.Audit", "VM.GuestAgent.FileRead", "VM.Monitor", "VM.PowerMgmt");

    @TempDir
    Path dir;

    /** One failing path: how the simulator and the command line are set up, and what must have failed. */
    record Row(String name, List<String> faults, Setup setup, String failed) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Registers users and tokens on the simulator, writes files, returns the environment and arguments. */
    interface Setup {
        Invocation on(PveSimulator sim, Path dir) throws IOException;
    }

    record Invocation(Map<String, String> environment, List<String> args) {
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("token refused (401), --verbose", List.of(), (sim, d) -> deploy(sim, d,
                        token("root@pam!nixpve", TOKEN_SECRET), "--verbose"), "HTTP 401"),
                new Row("token lacks privileges (403), metrics and a Pushgateway with basic auth", List.of(),
                        (sim, d) -> {
                            sim.addToken("ci@pve!build", TOKEN_SECRET, Map.of("/", Set.of("Sys.Audit")));
                            return deploy(sim, d, token("ci@pve!build", TOKEN_SECRET), "--verbose",
                                    "--metrics-file", "out/nixpve.prom", "--pushgateway",
                                    "http://ops:" + PUSH_PASSWORD + "@127.0.0.1:1/");
                        }, "could not export to the Pushgateway http://127.0.0.1:1/"),
                new Row("password refused (401), --verbose", List.of(), (sim, d) -> {
                    sim.addUser("ops@pve", "another-password", Map.of("/", ALL));
                    return deploy(sim, d, password("ops@pve", PASSWORD), "--verbose");
                }, "HTTP 401"),
                new Row("installer fails, logged in with a password, --verbose", List.of("install-fail"),
                        (sim, d) -> {
                            sim.addUser("ops@pve", PASSWORD, Map.of("/", ALL));
                            return deploy(sim, d, password("ops@pve", PASSWORD), "--verbose", "--metrics-file",
                                    "out/nixpve.prom");
                        }, "the installer failed"),
                new Row("installer fails, the token written in nixpve.yaml", List.of("install-fail"), (sim, d) -> {
                    sim.addToken("ci@pve!build", TOKEN_SECRET, Map.of("/", ALL));
                    Files.writeString(d.resolve("nixpve.yaml"), "proxmox:\n  apiToken: ci@pve!build="
                            + TOKEN_SECRET + "\n");
                    Map<String, String> env = new LinkedHashMap<>(simulatorWithoutCredentials(sim));
                    return new Invocation(env, deployArgs(d, "--verbose"));
                }, "the installer failed"),
                new Row("nix build fails, its stderr quoting the token from nixpve.yaml", List.of(), (sim, d) -> {
                    sim.addToken("ci@pve!build", TOKEN_SECRET, Map.of("/", ALL));
                    Files.writeString(d.resolve("nixpve.yaml"), "proxmox:\n  apiToken: ci@pve!build="
                            + TOKEN_SECRET + "\n");
                    Map<String, String> env = new LinkedHashMap<>(simulatorWithoutCredentials(sim));
                    env.put("PATH", fakeNix(d, "error: unable to download 'https://cache.lan/x': HTTP 401 (token "
                            + TOKEN_SECRET + ")").toString());
                    return new Invocation(env, List.of("build-and-deploy-template", "--out", "out"));
                }, "unable to download"),
                new Row("nix build fails, its stderr quoting the password, --verbose", List.of(), (sim, d) -> {
                    sim.addUser("ops@pve", PASSWORD, Map.of("/", ALL));
                    Map<String, String> env = new LinkedHashMap<>(password("ops@pve", PASSWORD).apply(sim));
                    env.put("PATH", fakeNix(d, "error: builder for '/nix/store/x.drv' failed: curl -u ops:"
                            + PASSWORD + " refused").toString());
                    return new Invocation(env, List.of("build-and-deploy-template", "--out", "out", "--verbose"));
                }, "curl -u ops:***"),
                new Row("SSH builder with an unusable private key, --verbose", List.of(), (sim, d) -> {
                    Path key = Files.writeString(d.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                            + KEY_BODY + "\n-----END OPENSSH PRIVATE KEY-----\n");
                    Files.writeString(d.resolve("nixpve.yaml"), "build:\n  builder: ssh://nix@127.0.0.1:1\n"
                            + "  sshIdentity: " + key + "\n");
                    return new Invocation(token("root@pam!nixpve", sim.apiToken().substring(sim.apiToken()
                            .indexOf('=') + 1)).apply(sim), List.of("build-iso", "--out", "out", "--verbose"));
                }, "id_ed25519"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void noSecretIsShownOrWritten(Row row) throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00Z"));
        StandInIso.write(dir.resolve("nixos.iso"), BUILD_TOKEN, BuildIdentity.volumeIdFor(BUILD_TOKEN));
        Path debugLog = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/nixpve-test-debug.log"));
        long logBefore = Files.exists(debugLog) ? Files.size(debugLog) : 0;
        try (PveSimulator sim = PveSimulator.start(SimOptions.defaults().withPort(0).withClock(clock)
                .withDelayer(d -> { }).withFaults(row.faults()))) {
            Invocation invocation = row.setup().on(sim, dir);
            CliRun run = CliRun.run(clock, invocation.environment(), dir, invocation.args().toArray(String[]::new));

            assertNotEquals(0, run.exitCode(), "the path must fail: " + run.all());
            List<String> leaks = new ArrayList<>();
            look("stdout", run.out(), leaks);
            look("stderr", run.err(), leaks);
            look("the debug log", appended(debugLog, logBefore), leaks);
            for (String file : List.of("out/build-report.json", "out/templates.json", "out/nixpve.prom")) {
                Path path = dir.resolve(file);
                if (Files.exists(path)) {
                    look(file, Files.readString(path), leaks);
                }
            }
            if (!leaks.isEmpty()) {
                fail("secrets shown: " + leaks + "\n" + run.all());
            }
            assertTrue(run.err().contains(row.failed()), "expected <" + row.failed() + ">: " + run.all());
        }
    }

    /**
     * PVE's parameter verification echoes values ("type check ('integer') failed - got '...'",
     * pve-common JSONSchema.pm); an answer quoting the password nixpve logged in with is masked
     * in the paragraph and in the --verbose stack trace alike.
     */
    @org.junit.jupiter.api.Test
    void aPveAnswerEchoingAParameterShowsNoSecret() {
        java.io.StringWriter err = new java.io.StringWriter();
        FakeClock clock = new FakeClock();
        CliContext context = new CliContext(Map.of("PROXMOX_VE_USERNAME", "ops@pve", "PROXMOX_VE_PASSWORD", PASSWORD),
                dir, new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err), clock, clock,
                new java.util.concurrent.atomic.AtomicBoolean(true));
        var echoed = new dev.nixpve.proxmox.model.PveApiException(dev.nixpve.proxmox.model.PveApiException.Kind
                .INVALID_PARAMETER, 400, "Parameter verification failed.", Map.of("password",
                "type check ('integer') failed - got '" + PASSWORD + "'"), "log in",
                dev.nixpve.proxmox.model.ResourceRef.none(), "user ops@pve");

        int code = new ErrorReporter(context).handleExecutionException(echoed, null, null);

        List<String> leaks = new ArrayList<>();
        look("stderr", err.toString(), leaks);
        assertTrue(leaks.isEmpty(), leaks + "\n" + err);
        assertTrue(err.toString().contains("got '***'"), err.toString());
        assertNotEquals(0, code);
    }

    /**
     * The password is written in nixpve.yaml, not in the environment, and the endpoint reaches a
     * filtering proxy instead of pveproxy: its block page (200, not JSON) quotes the login form it
     * stopped. The command fails outside any builder ({@code pve check}, logging in), and the
     * reporter quotes the page's first characters: the paragraph and the --verbose stack trace
     * must mask the file's password as they mask the environment's.
     */
    @org.junit.jupiter.api.Test
    void aProxyPageQuotingThePasswordFromTheFileShowsNoSecret() throws Exception {
        var certificate = dev.nixpve.sim.http.SelfSignedCertificate.create("filter.lan", List.of("localhost"),
                List.of("127.0.0.1"));
        try (var proxy = new dev.nixpve.sim.http.SimHttpServer(certificate.serverContext(),
                java.net.InetAddress.getLoopbackAddress(), 0, request -> new dev.nixpve.sim.http.SimResponse(200, "OK",
                        Map.of("Content-Type", "text/html"), ("<html><p>Blocked by policy: " + request.method() + " "
                        + request.path() + "?" + new String(request.readBody(), StandardCharsets.UTF_8) + "</p></html>")
                        .getBytes(StandardCharsets.UTF_8), java.time.Duration.ZERO), d -> { }, line -> { })) {
            Files.writeString(dir.resolve("nixpve.yaml"), "proxmox:\n  username: ops@pve\n  password: " + PASSWORD
                    + "\n");
            Map<String, String> env = Map.of("PROXMOX_VE_ENDPOINT", "https://127.0.0.1:" + proxy.port() + "/",
                    "PROXMOX_VE_FINGERPRINT", certificate.fingerprint());

            CliRun run = CliRun.run(new FakeClock(), env, dir, "pve", "check", "--verbose");

            assertNotEquals(0, run.exitCode(), run.all());
            assertTrue(run.err().contains("with something that is not JSON: <html><p>Blocked by policy: POST "
                    + "/api2/json/access/ticket?"), "the page is quoted: " + run.all());
            List<String> leaks = new ArrayList<>();
            look("stdout", run.out(), leaks);
            look("stderr", run.err(), leaks);
            assertTrue(leaks.isEmpty(), leaks + "\n" + run.all());
            assertTrue(run.err().contains("password=***"), run.all());
        }
    }

    /**
     * Over several nodes a node's failure is a line of the command's output, not the reporter's
     * paragraph: templates prune (as the run summary and the dry-run plan) masks the secrets of
     * the loaded configuration there too.
     */
    @org.junit.jupiter.api.Test
    void aNodesFailureLineMasksThePasswordFromTheFile() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        FakeClock clock = new FakeClock();
        CliContext context = new CliContext(Map.of(), dir, new java.io.PrintWriter(out), new java.io.PrintWriter(
                new java.io.StringWriter()), clock, clock, new java.util.concurrent.atomic.AtomicBoolean());
        Files.writeString(dir.resolve("nixpve.yaml"), "proxmox:\n  username: ops@pve\n  password: " + PASSWORD + "\n");
        context.secrets().configured(new dev.nixpve.config.ConfigLoader(context.environment())
                .load(java.util.Optional.of(dir.resolve("nixpve.yaml")), List.of(), dir).proxmox());
        var echoed = new dev.nixpve.proxmox.model.PveApiException(dev.nixpve.proxmox.model.PveApiException.Kind
                .INVALID_PARAMETER, 400, "Parameter verification failed.", Map.of("password",
                "type check ('integer') failed - got '" + PASSWORD + "'"), "log in",
                dev.nixpve.proxmox.model.ResourceRef.none(), "user ops@pve");

        int code = new PrunePrinter(context, false, true).print(new dev.nixpve.pipeline.PruneRun.Result(List.of(
                new dev.nixpve.pipeline.PruneRun.Failed("pve2", echoed))), List.of());

        List<String> leaks = new ArrayList<>();
        look("stdout", out.toString(), leaks);
        assertTrue(leaks.isEmpty(), leaks + "\n" + out);
        assertTrue(out.toString().startsWith("pve2: not pruned. ") && out.toString().contains("got '***'"),
                out.toString());
        assertNotEquals(0, code);
    }

    private static void look(String where, String text, List<String> leaks) {
        for (String secret : SECRETS) {
            if (text.contains(secret) || text.contains(secret.substring(0, 14))) {
                leaks.add(secret + " in " + where);
            }
        }
    }

    private static String appended(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The environment for a user or token, on top of the simulator's endpoint and fingerprint. */
    interface Credentials {
        Map<String, String> apply(PveSimulator sim);
    }

    static Credentials token(String id, String secret) {
        return sim -> {
            Map<String, String> env = new LinkedHashMap<>(simulatorWithoutCredentials(sim));
            env.put("PROXMOX_VE_API_TOKEN", id + "=" + secret);
            return env;
        };
    }

    static Credentials password(String user, String password) {
        return sim -> {
            Map<String, String> env = new LinkedHashMap<>(simulatorWithoutCredentials(sim));
            env.put("PROXMOX_VE_USERNAME", user);
            env.put("PROXMOX_VE_PASSWORD", password);
            return env;
        };
    }

    static Map<String, String> simulatorWithoutCredentials(PveSimulator sim) {
        Map<String, String> env = new LinkedHashMap<>(sim.environment());
        env.remove("PROXMOX_VE_API_TOKEN");
        return env;
    }

    static Invocation deploy(PveSimulator sim, Path dir, Credentials credentials, String... more) {
        return new Invocation(credentials.apply(sim), deployArgs(dir, more));
    }

    static List<String> deployArgs(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("build-and-deploy-template", "--iso",
                dir.resolve("nixos.iso").toString(), "--out", "out"));
        args.addAll(List.of(more));
        return args;
    }

    /** A directory with a {@code nix} that prints {@code line} on stderr and fails, as a failed build does. */
    static Path fakeNix(Path dir, String line) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path nix = Files.writeString(bin.resolve("nix"), "#!/bin/sh\necho 'building...' >&2\necho \"" + line
                + "\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(nix, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
