package dev.nixpve.bench;

import dev.nixpve.config.ByteSize;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scripts/bench}: measures each row of the benchmark table against its baseline in the same run,
 * alternating them over several repetitions, and prints the machine, the medians and the ratios in
 * Markdown for docs/benchmarks.md. Progress goes to stderr, the result to stdout.
 */
@Command(name = "scripts/bench", sortOptions = false,
        description = {"Measure each benchmark row against its baseline in the same run, alternating them, and print "
                + "medians and ratios (Markdown, for docs/benchmarks.md). Absolute times on a shared machine are "
                + "noise; the ratios are the result."})
public final class Bench implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--row", paramLabel = "NAME", split = ",",
            description = "Rows to run, comma-separated (default: all).")
    List<String> rows = new ArrayList<>();

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "4",
            description = "Rounds per row; each measures every variant once (default: 4).")
    int repetitions;

    @Option(names = "--no-warm-up", description = "Skip the discarded first measurement of each row's baseline.")
    boolean noWarmUp;

    @Option(names = "--quick", description = "Tiny sizes, one repetition, no warm-up, the simulator 10x faster: "
            + "checks the harness works (CI); the numbers mean nothing. Overrides the sizes below.")
    boolean quick;

    @Option(names = "--jar", paramLabel = "FILE", defaultValue = "${sys:nixpve.bench.jar}",
            description = "The nixpve jar to measure, run as java -jar FILE (scripts/bench: target/nixpve.jar; "
                    + "without it, the CLI on this class path).")
    Path jar;

    @Option(names = "--nodes", paramLabel = "N", split = ",", defaultValue = "1,2,4,8",
            description = "nodes row: the cluster sizes, the baseline first (default: 1,2,4,8).")
    List<Integer> nodes;

    @Option(names = "--install-seconds", paramLabel = "N", defaultValue = "5",
            description = "nodes row: how long a simulated install takes (default: 5; the installer then holds "
                    + "'done' 10 s more before it powers off).")
    int installSeconds;

    @Option(names = "--hash-size", paramLabel = "SIZE", defaultValue = "2G",
            description = "sha256 row: the file's size (default: 2G).")
    String hashSize;

    @Option(names = "--upload-size", paramLabel = "SIZE", defaultValue = "2G",
            description = "upload row: the ISO's size (default: 2G).")
    String uploadSize;

    @Option(names = "--sim-speed", paramLabel = "N", defaultValue = "1",
            description = "How many times faster than real time the simulator's clock runs (default: 1).")
    int simSpeed;

    @Option(names = "--with-smoke-test", description = "nodes row: let each run smoke-test a clone of each "
            + "template too (verify.smokeTest; default: off, see docs/benchmarks.md).")
    boolean withSmokeTest;

    private final PrintStream out;
    private final PrintStream err;
    private final List<String> arguments;

    Bench(PrintStream out, PrintStream err, List<String> arguments) {
        this.out = out;
        this.err = err;
        this.arguments = List.copyOf(arguments);
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new Bench(out, err, List.of(args)));
        commandLine.getCommandSpec().usageMessage().footer("", "Rows: " + String.join(", ", Rows.ALL.keySet())
                + "; docs/benchmarks.md says what each measures.");
        commandLine.setOut(new java.io.PrintWriter(out, true)).setErr(new java.io.PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("bench failed: " + e.getMessage());
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        for (String row : rows) {
            if (!Rows.ALL.containsKey(row)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no row '" + row + "'; the rows are " + String.join(", ", Rows.ALL.keySet()));
            }
        }
        Path work = Files.createTempDirectory("nixpve-bench-");
        try {
            Settings settings = settings(work);
            int rounds = quick ? 1 : repetitions;
            Comparison comparison = new Comparison(rounds, !quick && !noWarmUp, err::println);
            long started = System.nanoTime();
            header(settings, rounds).forEach(out::println);
            for (String name : rows.isEmpty() ? List.copyOf(Rows.ALL.keySet()) : rows) {
                try (Row row = Rows.ALL.get(name).make(settings)) {
                    out.println();
                    comparison.run(row).markdown().forEach(out::println);
                    out.flush();
                }
            }
            out.println();
            out.println("Whole run: " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s.");
            return 0;
        } finally {
            Trees.delete(work);
        }
    }

    private Settings settings(Path work) {
        CliLauncher cli = jar == null ? CliLauncher.thisClassPath() : CliLauncher.jar(jar);
        try {
            return quick
                    ? new Settings(cli, work, List.of(1, 2), Duration.ofSeconds(1), 10, false, ByteSize.parse("8M"),
                            ByteSize.parse("8M"), true)
                    : new Settings(cli, work, nodes, Duration.ofSeconds(installSeconds), simSpeed, withSmokeTest,
                            ByteSize.parse(hashSize), ByteSize.parse(uploadSize), false);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<String> header(Settings settings, int rounds) {
        List<String> lines = new ArrayList<>();
        lines.add("## Benchmark run of " + DateTimeFormatter.ISO_LOCAL_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        lines.add("");
        lines.add("Command: `scripts/bench" + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments)) + "`");
        lines.add("");
        lines.addAll(Machine.current().lines());
        lines.add("- measured: `" + settings.cli().description() + "`, " + rounds + " repetition"
                + (rounds == 1 ? "" : "s") + " per variant, order rotated each round"
                + (quick || noWarmUp ? "" : ", after one discarded warm-up run of each baseline"));
        lines.add("- simulator: install " + settings.installTime().toSeconds() + " s"
                + (settings.simSpeed() == 1 ? ", real time" : ", its clock " + settings.simSpeed() + "x real time")
                + ", smoke test " + (settings.smokeTest() ? "on" : "off"));
        return lines;
    }
}
