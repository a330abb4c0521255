package dev.nixpve.journal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock against a real second process: held while it lives, free the moment it is killed. */
class RunLockTest {

    private static final RunId OTHER = new RunId("00000000beef");

    @TempDir
    Path dir;

    private Process holder;

    @AfterEach
    void killHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedAndNamesItsHolder() throws Exception {
        Path file = dir.resolve("image.lock");
        startHolder(file);

        assertTrue(RunLock.isHeld(file));
        assertEquals(Optional.empty(), RunLock.tryAcquire(file, me()));
        RunLock.Holder named = RunLock.holder(file).orElseThrow();
        assertEquals(holder.pid(), named.pid());
        assertEquals(OTHER, named.run());
        assertEquals("test-host", named.host());
    }

    @Test
    void aKilledHolderNeverLeavesTheLockHeld() throws Exception {
        Path file = dir.resolve("image.lock");
        startHolder(file);

        holder.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(10)).until(() -> !RunLock.isHeld(file));
        try (RunLock mine = RunLock.tryAcquire(file, me()).orElseThrow()) {
            assertEquals(ProcessHandle.current().pid(), RunLock.holder(file).orElseThrow().pid());
        }
    }

    @Test
    void thisProcessAsksWithoutDroppingItsOwnLock() throws IOException {
        Path file = dir.resolve("mine.lock");
        try (RunLock lock = RunLock.tryAcquire(file, me()).orElseThrow()) {
            assertTrue(RunLock.isHeld(file));
            assertEquals(Optional.empty(), RunLock.tryAcquire(file, me()));
            assertEquals(lock.holder(), RunLock.holder(file).orElseThrow());
            assertTrue(RunLock.isHeld(file), "asking must not release it");
        }
        assertFalse(RunLock.isHeld(file));
    }

    private void startHolder(Path file) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), file.toString(), OTHER.value())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("held", out.readLine());
    }

    private static RunLock.Holder me() {
        return RunLock.Holder.of(ProcessHandle.current(), "here", Instant.parse("2026-12-03T09:00:00Z"),
                new RunId("0123456789ab"));
    }
}
