package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.pipeline.steps.InstallerImage;
import dev.nixpve.pipeline.steps.PrebuiltIso;
import dev.nixpve.testing.FakeClock;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code nixpve sim} prints the three export lines first, and {@code pve check} works against it unchanged. */
class SimCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheExportLinesThenServesUntilInterrupted() throws Exception {
        List<String> before = simulatorDirectories();
        PipedWriter pipe = new PipedWriter();
        BufferedReader lines = new BufferedReader(new PipedReader(pipe, 1 << 16));
        FakeClock clock = new FakeClock();
        CliContext context = new CliContext(Map.of(), dir, new PrintWriter(pipe, true),
                new PrintWriter(new StringWriter(), true), clock, clock, new AtomicBoolean());
        AtomicInteger exit = new AtomicInteger(-1);
        Thread server = new Thread(() -> exit.set(NixpveCommand.commandLine(context)
                .execute("sim", "--port", "0", "--nodes", "alpha,beta", "--install-seconds", "5")));
        server.start();
        Map<String, String> environment = new HashMap<>();
        for (String prefix : List.of("PROXMOX_VE_ENDPOINT=https://127.0.0.1:", "PROXMOX_VE_API_TOKEN=root@pam!nixpve=",
                "PROXMOX_VE_FINGERPRINT=")) {
            String line = lines.readLine();
            assertTrue(line.startsWith("export " + prefix), line);
            String assignment = line.substring("export ".length());
            environment.put(assignment.substring(0, assignment.indexOf('=')),
                    assignment.substring(assignment.indexOf('=') + 1));
        }
        assertTrue(environment.get("PROXMOX_VE_FINGERPRINT").matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));

        CliRun check = CliRun.run(environment, dir, "pve", "check", "--node", "alpha");
        assertEquals(0, check.exitCode(), check.all());
        assertTrue(check.out().contains("alpha") && check.out().contains("beta"), check.out());
        assertTrue(check.out().contains("local-lvm"), check.out());

        assertEquals(before.size() + 1, simulatorDirectories().size(), "a running simulator has its work directory");

        server.interrupt();
        server.join(10_000);
        assertEquals(0, exit.get());
        assertEquals(before, simulatorDirectories(), "a simulator that ended normally left no work directory");
    }

    @Test
    void writeIsoMakesAStandInThatBuildAndDeployAcceptsWithIso() throws Exception {
        CliRun run = CliRun.run(Map.of(), dir, "sim", "--write-iso", "some.iso");

        assertEquals(0, run.exitCode(), run.all());
        Matcher token = Pattern.compile("build token ([0-9a-f]{20})").matcher(run.out());
        assertTrue(token.find(), run.out());
        InstallerImage image = PrebuiltIso.identify(dir.resolve("some.iso"));
        assertEquals(token.group(1), image.buildToken());
        assertTrue(run.out().contains("only in the simulator"), run.out());
    }

    @Test
    void anOutageOfTheNodeTheSimulatorAnswersAsIsRefused() {
        CliRun run = CliRun.run(Map.of(), dir, "sim", "--port", "0", "--fault", "node-offline=pve1@30s");
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.err().contains("node-offline=pve1: pve1 is the node this simulator answers as"), run.err());
    }

    @Test
    void aBadFaultIsAUsageError() {
        CliRun run = CliRun.run(Map.of(), dir, "sim", "--port", "0", "--fault", "meteor-strike");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown fault 'meteor-strike'"), run.err());
    }

    @Test
    void aSharedStorageIsServedToEveryNodeAndABadOneIsAUsageError() throws Exception {
        CliRun bad = CliRun.run(Map.of(), dir, "sim", "--port", "0", "--shared-storage", "thin:lvmthin:images");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("cannot be shared"), bad.err());

        PipedWriter pipe = new PipedWriter();
        BufferedReader lines = new BufferedReader(new PipedReader(pipe, 1 << 16));
        FakeClock clock = new FakeClock();
        CliContext context = new CliContext(Map.of(), dir, new PrintWriter(pipe, true),
                new PrintWriter(new StringWriter(), true), clock, clock, new AtomicBoolean());
        Thread server = new Thread(() -> NixpveCommand.commandLine(context).execute("sim", "--port", "0",
                "--shared-storage", "nfs:nfs:iso,images", "--shared-storage", "san:lvm:images:pve2"));
        server.start();
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            String assignment = lines.readLine().substring("export ".length());
            environment.put(assignment.substring(0, assignment.indexOf('=')),
                    assignment.substring(assignment.indexOf('=') + 1));
        }
        CliRun check = CliRun.run(environment, dir, "pve", "check", "--node", "pve2");
        assertEquals(0, check.exitCode(), check.all());
        assertTrue(check.out().contains("nfs") && check.out().contains("san"), check.out());
        server.interrupt();
        server.join(10_000);
    }

    @Test
    void aPortInUseIsAClearUsageError() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<String> before = simulatorDirectories();
            CliRun run = CliRun.run(Map.of(), dir, "sim", "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("is in use") && run.err().contains("--port 0"), run.err());
            assertEquals(before, simulatorDirectories(), "the simulator that never started left no work directory");
        }
    }

    /**
     * SIGTERM (systemd, kill) and SIGINT (Ctrl-C) end the JVM while the simulator serves: it is closed on
     * the way out. {@code env --default-signal=INT}: a shell that starts a job in the background has it
     * ignore SIGINT, and the JVM then never sees Ctrl-C; the test wants the JVM's own reaction.
     */
    @ParameterizedTest(name = "stopped with SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aSimulatorStoppedWithASignalLeavesNoWorkDirectory(String signal) throws Exception {
        Path tmp = java.nio.file.Files.createDirectories(dir.resolve("tmp"));
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process sim = new ProcessBuilder("env", "--default-signal=INT", javaCommand, "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "sim", "--port", "0")
                .redirectErrorStream(true).start();
        List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread reader = new Thread(() -> new BufferedReader(new java.io.InputStreamReader(sim.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8)).lines().forEach(lines::add));
        reader.start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> lines.stream().anyMatch(l -> l.startsWith("export PROXMOX_VE_ENDPOINT=")));
            assertEquals(1, simulatorDirectories(tmp).size(), "a running simulator has its work directory");

            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(sim.pid())).start().waitFor());

            // The export lines carry the simulator's token: messages show only the other lines.
            List<String> said = lines.stream().filter(l -> !l.contains("TOKEN")).toList();
            assertTrue(sim.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), String.join("\n", said));
            assertEquals(List.of(), simulatorDirectories(tmp), "closed on the way out: " + said);
        } finally {
            sim.destroyForcibly();
        }
    }

    /** This JVM's simulators' work directories: other processes on the machine may run simulators of their own. */
    private static List<String> simulatorDirectories() throws java.io.IOException {
        String mine = "nixpve-sim-" + ProcessHandle.current().pid() + "-";
        return simulatorDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"))).stream()
                .filter(n -> n.startsWith(mine)).toList();
    }

    private static List<String> simulatorDirectories(Path tmp) throws java.io.IOException {
        try (var entries = java.nio.file.Files.list(tmp)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("nixpve-sim-")).sorted()
                    .toList();
        }
    }

    @Test
    void pveCheckAgainstThePve84SimulatorAsksForVmMonitor() throws Exception {
        try (PveSimulator simulator = PveSimulator.start(SimOptions.defaults().withPort(0)
                .withVersion(dev.nixpve.sim.api.SimVersion.PVE_8_4))) {
            CliRun check = CliRun.run(simulator.environment(), dir, "pve", "check");
            assertEquals(0, check.exitCode(), check.all());
            assertTrue(check.out().contains("8.4.1"), check.out());
            assertTrue(check.out().contains("VM.Monitor"), check.out());
        }
    }
}
