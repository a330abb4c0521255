package dev.nixpve.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What docs/benchmarks.md records about the machine a run measured on. */
record Machine(int processors, String cpu, String memory, String java, String os) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                field(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"),
                field(Path.of("/proc/meminfo"), "MemTotal").map(Machine::gibibytes).orElse("unknown"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    List<String> lines() {
        return List.of("- processors: " + processors, "- CPU: " + cpu, "- memory: " + memory, "- Java: " + java,
                "- OS: " + os);
    }

    private static Optional<String> field(Path file, String name) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(name)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** "24555044 kB" as "23.4 GiB". */
    private static String gibibytes(String kilobytes) {
        try {
            return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kilobytes.replace("kB", "").trim()) / 1048576.0);
        } catch (NumberFormatException e) {
            return kilobytes;
        }
    }
}
