package dev.nixpve.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A command to run. {@code environment} is the child's whole environment (nothing is inherited), so
 * callers and tests decide exactly what PATH and HOME it sees. The first word should be an absolute
 * path (see {@link Executables}): Java resolves a bare name against its own PATH, not the child's.
 * {@code tailLines} is how many of the last output lines the result keeps.
 */
public record ProcessSpec(List<String> command, Map<String, String> environment, Path workingDirectory,
                          Duration timeout, int tailLines) {

    public static final int DEFAULT_TAIL = 30;

    public ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (tailLines < 0) {
            throw new IllegalArgumentException("tailLines must not be negative: " + tailLines);
        }
    }

    public ProcessSpec(List<String> command, Map<String, String> environment, Path workingDirectory,
                       Duration timeout) {
        this(command, environment, workingDirectory, timeout, DEFAULT_TAIL);
    }

    /** For messages and thread names: the program's file name, without the arguments. */
    public String program() {
        String first = command.get(0);
        return first.substring(first.lastIndexOf('/') + 1);
    }
}
