package dev.nixpve.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.cli.demo.AcceleratedClock;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.config.ConfigLoader;
import dev.nixpve.event.EventSink;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.wait.Sleeper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real thing: a nixpve process, killed with SIGKILL (or stopped with SIGTERM) in the middle of
 * a step, against the simulator in this JVM running 20x faster than the wall clock; then the same
 * command again. What {@code RecoveryTest} proves in-process for every step, this proves for a
 * process the kernel kills: its journal lines were on the disk, its lock went with it. Each case has
 * its own simulator, processes and directory, and mostly waits on the simulator's clock, so two run
 * at once (junit-platform.properties): the class took half the suite's time one at a time.
 */
@Execution(ExecutionMode.CONCURRENT)
class KilledProcessRecoveryTest {

    private static final String TOKEN = "0123456789abcdef0123";
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private PveSimulator sim;
    private ProxmoxClient client;
    private final List<Run> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        // 5x: the installer's 10 s final state lasts 2 s of wall time, which a 1 s poll never misses.
        sim = PveSimulator.start(SimOptions.defaults().withPort(0).withLog(line -> { })
                .withInstallTime(Duration.ofSeconds(30)).withClock(new AcceleratedClock(Clock.systemUTC(), 5)));
        client = new ProxmoxConnector(Clock.systemUTC(), Sleeper.system(), EventSink.discard())
                .connect(new ConfigLoader(sim.environment()).load(Optional.empty(), List.of(), dir).proxmox());
        StandInIso.write(dir.resolve("nixos.iso"), TOKEN, BuildIdentity.volumeIdFor(TOKEN));
        Files.writeString(dir.resolve("nixpve.yaml"), "vm:\n  diskSize: 8G\ninstall:\n  pollInterval: 1s\n");
    }

    @AfterEach
    void stop() {
        processes.forEach(p -> p.process().destroyForcibly());
        client.close();
        sim.close();
    }

    /**
     * Every step a run with --iso goes through. Render and build-iso are skipped with --iso (this
     * machine cannot build with Nix) and make nothing on PVE; RecoveryTest kills at their start.
     */
    @ParameterizedTest(name = "kill -9 during {0}")
    @ValueSource(strings = {"preflight", "recover", "upload", "create-vm", "start", "install", "finalize",
            "smoke-test", "retention", "publish"})
    void aKilledRunIsCleanedUpByTheNextAndASecondRerunCreatesNothing(String step) throws Exception {
        killAndRerun(step, false);
    }

    @ParameterizedTest(name = "kill -9 during {0}, state directory lost")
    @ValueSource(strings = {"install", "smoke-test"})
    void theClusterTagsSufficeWhenTheStateDirectoryIsLost(String step) throws Exception {
        killAndRerun(step, true);
    }

    private void killAndRerun(String step, boolean loseState) throws Exception {
        Run killed = nixpve();
        killed.awaitStepStart(step);
        if (step.equals("smoke-test")) {
            // mid-clone: PVE goes on copying after its caller dies, and the clone has no tags until it ends
            await().atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(50)).until(() -> client.resources(Optional.of("vm"))
                    .stream().anyMatch(r -> r.vmid().orElse(0) == 9101 && r.lock().filter("clone"::equals).isPresent()));
        }
        killed.process().destroyForcibly().waitFor();
        if (loseState) {
            dev.nixpve.nix.FileTrees.deleteRecursively(dir.resolve("out/state"));
        }

        Run rerun = nixpve().toEnd();
        assertEquals(0, rerun.process().exitValue(), rerun.output());
        if (java.util.Set.of("start", "install", "finalize", "smoke-test").contains(step)) {
            assertTrue(rerun.output().contains("recovered: VM 9100 on pve1"), rerun.output());
        }
        if (step.equals("smoke-test") || step.equals("finalize") && !loseState) {
            // worth finishing: the install finished, or the template exists and was never tested
            assertTrue(rerun.output().contains("smoke-testing it again instead of building again")
                    || rerun.output().contains("finalizing it instead of installing again"), rerun.output());
            assertTrue(rerun.lines().stream().noneMatch(l -> l.contains("\"step\":\"install\"")
                    && l.contains("\"status\":\"STARTED\"")), "no second install: " + rerun.output());
        }
        assertEquals(1, templates(), "exactly one template, verified: " + guests());
        assertEquals(1, guests().size(), "and no other VM: " + guests());
        assertEquals(1, client.storageContent("pve1", "local", Optional.of("iso")).size(), "one whole ISO");

        int writes = writes();
        Run again = nixpve().toEnd();
        assertEquals(0, again.process().exitValue(), again.output());
        assertEquals(writes, writes(), "a second rerun makes no write call");
    }

    @Test
    void sigtermDuringTheInstallRemovesTheInstallerVmAndSaysSo() throws Exception {
        Run stopped = nixpve();
        stopped.awaitStepStart("install");
        // SIGTERM, as systemctl stop sends it; not Process.destroy(), which also closes our ends of its output
        assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(stopped.process().pid())).start().waitFor());
        stopped.toEnd();

        assertEquals(143, stopped.process().exitValue(), stopped.output());
        assertTrue(stopped.output().contains("stopped by SIGTERM during step 'install'"), stopped.output());
        assertTrue(stopped.output().contains("removed VM 9100 on pve1"), stopped.output());
        assertEquals(List.of(), guests(), "the installer VM is gone");
    }

    @Test
    void twoRebuildsAtOnceOneBuildsTheOtherExits3NamingTheHolderAndOnlyOneTemplateIsMade() throws Exception {
        Run first = nixpve("rebuild");
        first.awaitStepStart("install");
        int writes = writes();

        Run second = nixpve("rebuild").toEnd();

        assertEquals(3, second.process().exitValue(), second.output());
        assertTrue(second.output().contains("error: Another nixpve run is building image nixos-base on pve1: run "),
                second.output());
        assertTrue(second.output().contains("(pid " + first.process().pid() + " on "), second.output());
        assertEquals(writes, writes(), "the second run made no write call");
        first.toEnd();
        assertEquals(0, first.process().exitValue(), first.output());
        assertEquals(1, templates(), "one template: " + guests());
        assertEquals(1, guests().size(), guests().toString());
    }

    /** A nixpve process and everything it printed so far, both streams read from its start. */
    private record Run(Process process, List<String> lines, CountDownLatch ended) {

        void awaitStepStart(String step) throws InterruptedException {
            Instant limit = Instant.now().plus(RUN_LIMIT);
            while (snapshot().stream().noneMatch(l -> l.contains("\"event\":\"step\"") && l.contains("\"step\":\""
                    + step + "\"") && l.contains("\"status\":\"STARTED\""))) {
                assertTrue(Instant.now().isBefore(limit) && process.isAlive(), "step " + step + " started: " + output());
                ended.await(20, TimeUnit.MILLISECONDS);
            }
        }

        Run toEnd() throws InterruptedException {
            assertTrue(process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS), "ends in time: " + output());
            assertTrue(ended.await(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS));
            return this;
        }

        String output() {
            return String.join("\n", snapshot());
        }

        /** The lines so far: the readers of its streams add to them meanwhile. */
        List<String> snapshot() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }

    private Run nixpve() throws IOException {
        return nixpve("build-and-deploy-template");
    }

    private Run nixpve(String command) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), command, "--config", "nixpve.yaml", "--iso",
                dir.resolve("nixos.iso").toString(), "--out", dir.resolve("out").toString(), "--log-format", "json")
                .directory(dir.toFile());
        builder.environment().putAll(sim.environment());
        Process process = builder.start();
        process.getOutputStream().close();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ended = new CountDownLatch(2);
        drain(process.getInputStream(), lines, ended);
        drain(process.getErrorStream(), lines, ended);
        Run run = new Run(process, lines, ended);
        processes.add(run);
        return run;
    }

    private static void drain(java.io.InputStream stream, List<String> lines, CountDownLatch ended) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                ended.countDown();
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    private List<String> guests() {
        return client.resources(Optional.of("vm")).stream().map(r -> r.vmid().orElseThrow() + "").toList();
    }

    private long templates() {
        return client.resources(Optional.of("vm")).stream().filter(r -> {
            var config = client.vmConfig(r.node().orElseThrow(), r.vmid().orElseThrow());
            return config.isTemplate() && config.tags().contains("verified");
        }).count();
    }

    private int writes() {
        return (int) sim.requests().stream().filter(r -> !r.startsWith("GET ")).count();
    }
}
