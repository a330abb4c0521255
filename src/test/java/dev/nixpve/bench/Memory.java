package dev.nixpve.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak memory as Linux and the JVM count it: a process's VmHWM, and this JVM's heap pools' peaks. */
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

    /** The sum of this JVM's heap pools' peak usage since it started, in bytes. */
    static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage).mapToLong(u -> u.getUsed()).sum();
    }
}
