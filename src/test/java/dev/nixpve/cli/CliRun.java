package dev.nixpve.cli;

import dev.nixpve.testing.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs the CLI in-process with a given environment; captures exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> environment, Path workingDirectory, String... args) {
        return run(new FakeClock(), environment, workingDirectory, args);
    }

    /** With the clock the simulator runs on, so waits in the command advance the simulator's time. */
    static CliRun run(FakeClock clock, Map<String, String> environment, Path workingDirectory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(environment, workingDirectory, new PrintWriter(out, true),
                new PrintWriter(err, true), clock, clock, new AtomicBoolean());
        int code = NixpveCommand.commandLine(context).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** With a clock and a sleeper of the caller's: a real-time one, where threads must sleep apart. */
    static CliRun run(java.time.Clock clock, dev.nixpve.wait.Sleeper sleeper, Map<String, String> environment,
                      Path workingDirectory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(environment, workingDirectory, new PrintWriter(out, true),
                new PrintWriter(err, true), clock, sleeper, new AtomicBoolean());
        int code = NixpveCommand.commandLine(context).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    String all() {
        return out + err;
    }
}
