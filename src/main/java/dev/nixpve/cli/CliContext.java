package dev.nixpve.cli;

import dev.nixpve.wait.Sleeper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What commands get from the outside world: environment, working directory, output streams, clock
 * and sleeper; and, as the command runs, whether it is verbose and which secrets it knows of (the
 * environment's, then the loaded configuration's). Tests build one with maps, string writers and a
 * fixed clock.
 */
public record CliContext(Map<String, String> environment, Path workingDirectory, PrintWriter out, PrintWriter err,
                         Clock clock, Sleeper sleeper, AtomicBoolean verbose, KnownSecrets secrets) {

    public CliContext(Map<String, String> environment, Path workingDirectory, PrintWriter out, PrintWriter err,
                      Clock clock, Sleeper sleeper, AtomicBoolean verbose) {
        this(environment, workingDirectory, out, err, clock, sleeper, verbose, new KnownSecrets(environment));
    }

    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), Clock.systemUTC(), Sleeper.system(), new AtomicBoolean());
    }
}
