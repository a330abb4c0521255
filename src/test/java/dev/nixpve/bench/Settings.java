package dev.nixpve.bench;

import dev.nixpve.config.ByteSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the rows are run with: the CLI to measure, where measurements work, and each row's sizes. A row
 * that needs a size of its own adds it here and an option in {@link Bench}.
 *
 * @param nodes       the nodes row's cluster sizes, the baseline first
 * @param installTime how long a simulated install takes, in the simulator's time
 * @param simSpeed    how much faster than real time the simulator's clock runs (1: real time)
 * @param smokeTest   whether the nodes row's runs smoke-test a clone of each template
 * @param hashSize    the sha256 row's file size
 * @param uploadSize  the upload row's ISO size
 * @param quick       {@code --quick}: CI's check that the harness works; a row may leave out a variant whose
 *                    numbers only mean something at full size and takes long
 */
public record Settings(CliLauncher cli, Path workDirectory, List<Integer> nodes, Duration installTime, int simSpeed,
                       boolean smokeTest, ByteSize hashSize, ByteSize uploadSize, boolean quick) {

    public Settings {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty() || nodes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("node counts must be 1 or more, not " + nodes);
        }
        if (simSpeed < 1) {
            throw new IllegalArgumentException("the simulator's speed must be 1 or more, not " + simSpeed);
        }
    }
}
