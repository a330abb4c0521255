package dev.nixpve.bench;

import dev.nixpve.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the nixpve CLI as a user does, as a process of its own (JVM start included), and times it
 * from start to exit. Its output goes to a file in its working directory, and only on failure its last
 * lines into the message: nixpve prints no secret, and the token travels only in the environment.
 */
public final class CliLauncher {

    private static final int TAIL_LINES = 25;

    private final List<String> command;
    private final String description;

    private CliLauncher(List<String> command, String description) {
        this.command = List.copyOf(command);
        this.description = description;
    }

    /** {@code java @scripts/jvm.options -jar JAR}: the shipped jar, as scripts/nixpve runs it. */
    public static CliLauncher jar(Path file) {
        Path jar = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no nixpve jar at " + jar + "; build it with ./mvnw -B -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JvmOptions.launcher());
        command.addAll(List.of("-jar", jar.toString()));
        return new CliLauncher(command, "java " + JvmOptions.description() + "-jar " + file);
    }

    /** The CLI's main class on this JVM's class path: for tests, which run before the jar is packaged. */
    public static CliLauncher thisClassPath() {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JvmOptions.launcher());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return new CliLauncher(command, "java " + JvmOptions.description() + "-cp <class path> " + Main.class.getName());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String description() {
        return description;
    }

    /**
     * One run as {@link #measure} took it: its wall time, the CPU time it used (user and system, all
     * threads) and the bytes it read through read(2) and its kin (/proc/PID/io rchar: files, the jar's
     * classes and sockets alike), each as last read, at most one poll before it exited.
     */
    public record Measured(Duration wall, Duration cpu, long bytesRead) {
    }

    /**
     * Runs {@code nixpve ARGS} in {@code workingDirectory} with {@code environment} added to this
     * process's, minus any PROXMOX_VE_* of this process's (the run must reach the simulator, never a
     * real cluster), and returns its wall time; fails when it exits non-zero or outlives {@code timeout}.
     */
    public Duration run(Path workingDirectory, Map<String, String> environment, Duration timeout, List<String> args)
            throws IOException, InterruptedException {
        return measure(workingDirectory, environment, timeout, args).wall();
    }

    /** As {@link #run}, with the run's CPU time and bytes read, polled from /proc while it runs. */
    public Measured measure(Path workingDirectory, Map<String, String> environment, Duration timeout,
                            List<String> args) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(args);
        Path log = Files.createTempFile(workingDirectory, "nixpve-", ".log");
        ProcessBuilder builder = new ProcessBuilder(full).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROXMOX_VE_"));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Process process = builder.start();
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        Duration cpu = Duration.ZERO;
        long bytesRead = 0;
        while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
            cpu = Memory.cpuTime(proc.resolve("stat")).orElse(cpu);
            bytesRead = Math.max(bytesRead, Memory.bytesRead(proc.resolve("io")));
            if (System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("nixpve " + String.join(" ", args) + " did not finish within "
                        + timeout.toSeconds() + " s; its last lines:\n" + tail(log));
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("nixpve " + String.join(" ", args) + " exited with " + process.exitValue()
                    + "; its last lines:\n" + tail(log));
        }
        return new Measured(wall, cpu, bytesRead);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
