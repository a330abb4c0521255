package dev.nixpve.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory as Linux and the JVM count it: a process's VmHWM, and this JVM's heap pools' peaks; and a
 * process's CPU time as Linux counts it.
 */
final class Memory {

    private Memory() {
    }

    /** VmHWM from a /proc/PID/status file, in KiB; 0 once the process is gone or off Linux. */
    static long highWaterMarkKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between two looks: its last reading stands
        }
        return 0;
    }

    /** Linux's clock ticks per second for /proc times (USER_HZ), 100 on every architecture nixpve runs on. */
    private static final long TICKS_PER_SECOND = 100;

    /**
     * User plus system CPU time of all a process's threads from a /proc/PID/stat file; empty once the
     * process is gone or off Linux.
     */
    static java.util.Optional<java.time.Duration> cpuTime(Path stat) {
        try {
            String line = Files.readString(stat);
            // the command name, field 2, is in parentheses and may hold spaces: count fields after it
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14, 15
            return java.util.Optional.of(java.time.Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND));
        } catch (IOException | RuntimeException gone) {
            return java.util.Optional.empty();
        }
    }

    /** rchar from a /proc/PID/io file: the bytes a process read through read(2) and its kin; 0 once it is gone. */
    static long bytesRead(Path io) {
        try {
            for (String line : Files.readAllLines(io)) {
                if (line.startsWith("rchar:")) {
                    return Long.parseLong(line.substring("rchar:".length()).strip());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between two looks: its last reading stands
        }
        return 0;
    }

    /** The sum of this JVM's heap pools' peak usage since it started, in bytes. */
    static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage).mapToLong(u -> u.getUsed()).sum();
    }
}
