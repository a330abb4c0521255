package dev.nixpve.journal;

import java.nio.file.Path;
import java.time.Instant;

/** A second process for {@link RunLockTest}: takes the lock, says so, and holds it until killed. */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        RunLock lock = RunLock.tryAcquire(Path.of(args[0]), RunLock.Holder.of(ProcessHandle.current(), "test-host",
                Instant.parse("2026-12-03T08:00:00Z"), new RunId(args[1]))).orElseThrow();
        System.out.println("held");
        System.out.flush();
        System.in.read();
        lock.close();
    }
}
