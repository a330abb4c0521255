package dev.nixpve.cli;

import dev.nixpve.wait.Sleeper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What commands get from the outside world: environment, working directory, output streams, clock
 * and sleeper. Tests build one with maps, string writers and a fixed clock.
 */
public record CliContext(Map<String, String> environment, Path workingDirectory, PrintWriter out, PrintWriter err,
                         Clock clock, Sleeper sleeper, AtomicBoolean verbose) {

    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), Clock.systemUTC(), Sleeper.system(), new AtomicBoolean());
    }
}
