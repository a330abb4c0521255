package dev.nixpve.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, no sleeping: a process that should hang blocks reading a FIFO nobody writes, and
 * the test waits only for the (short) timeout or for the process's exit.
 */
class LocalProcessRunnerTest {

    static final Duration LONG = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    final FakeClock clock = new FakeClock();
    final LocalProcessRunner runner = new LocalProcessRunner(clock, Duration.ofSeconds(5));
    final Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "GREETING", "hello");

    @Test
    void streamsLinesInOrderKeepsTheTailAndReturnsTheExitCode() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ProcessResult result = runner.run(new ProcessSpec(sh("for i in 1 2 3 4 5; do echo out$i; done; exit 7"), env,
                dir, LONG, 3), (stream, line) -> seen.add(stream + ":" + line));
        assertEquals(7, result.exitCode());
        assertFalse(result.timedOut());
        assertFalse(result.succeeded());
        assertEquals(List.of("STDOUT:out1", "STDOUT:out2", "STDOUT:out3", "STDOUT:out4", "STDOUT:out5"), seen);
        assertEquals(List.of("out3", "out4", "out5"), result.tail());
    }

    @Test
    void stderrIsStreamedAndKeptToo() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ProcessResult result = runner.run(new ProcessSpec(sh("echo warning >&2"), env, dir, LONG),
                (stream, line) -> seen.add(stream + ":" + line));
        assertTrue(result.succeeded());
        assertEquals(List.of("STDERR:warning"), seen);
        assertEquals(List.of("warning"), result.tail());
    }

    @Test
    void theChildGetsExactlyTheGivenEnvironmentAndDirectory() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ProcessResult result = runner.run(new ProcessSpec(sh("echo \"$GREETING ${HOME:-nohome}\"; pwd"), env, dir,
                LONG), (stream, line) -> seen.add(line));
        assertTrue(result.succeeded());
        assertEquals(List.of("hello nohome", dir.toRealPath().toString()), seen);
    }

    @Test
    void elapsedTimeComesFromTheInjectedClock() throws Exception {
        ProcessResult result = runner.run(new ProcessSpec(sh("true"), env, dir, LONG), OutputListener.discard());
        assertEquals(Duration.ZERO, result.elapsed());
    }

    @Test
    void aProcessOverItsTimeoutIsStoppedWithEverythingItStarted() throws Exception {
        Path fifo = fifo();
        Path childPid = dir.resolve("child.pid");
        ProcessResult result = runner.run(new ProcessSpec(sh("cat '" + fifo + "' & echo $! > '" + childPid
                + "'; echo started; wait"), env, dir, Duration.ofMillis(300)), OutputListener.discard());
        assertTrue(result.timedOut());
        assertFalse(result.succeeded());
        assertEquals(List.of("started"), result.tail());
        assertGone(Long.parseLong(Files.readString(childPid).strip()));
    }

    @Test
    void anInterruptedCallerStopsTheProcess() throws Exception {
        Path fifo = fifo();
        Path pidFile = dir.resolve("pid");
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                runner.run(new ProcessSpec(sh("echo $$ > '" + pidFile + "'; echo started; cat '" + fifo + "'"), env,
                        dir, LONG), (stream, line) -> started.countDown());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        assertTrue(started.await(30, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(caller.isAlive());
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        assertGone(Long.parseLong(Files.readString(pidFile).strip()));
    }

    @Test
    void aMissingProgramCannotStart() {
        assertThrows(IOException.class, () -> runner.run(new ProcessSpec(List.of(dir.resolve("nope").toString()),
                env, dir, LONG), OutputListener.discard()));
    }

    @Test
    void executablesAreFoundOnTheGivenPathOnly() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = Files.writeString(bin.resolve("tool"), "#!/bin/sh\n");
        assertTrue(Executables.find("tool", Map.of("PATH", bin.toString())).isEmpty(), "not executable yet");
        tool.toFile().setExecutable(true);
        assertEquals(tool, Executables.find("tool", Map.of("PATH", "/nonexistent:" + bin)).orElseThrow());
        assertTrue(Executables.find("tool", Map.of()).isEmpty());
    }

    private static void assertGone(long pid) throws Exception {
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private Path fifo() throws Exception {
        Path fifo = dir.resolve("never-written");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor());
        return fifo;
    }

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }
}
