package dev.nixpve.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * scripts/bench in CI (issue 17): tiny sizes, one repetition, the CLI as real processes against the
 * simulator; it completes and prints the nodes row with its ratios. The numbers come from running
 * scripts/bench by hand, not from here.
 */
class BenchSmokeTest {

    private static final String NUMBER = "\\d+(\\.\\d+)?";

    @Test
    void aQuickRunCompletesAndPrintsEveryRowWithItsRatios() {
        dev.nixpve.testing.ExternalTools.require("curl", "curl"); // the start-up row's baseline
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Bench.run(print(out), print(err), "--quick");

        String table = out.toString(StandardCharsets.UTF_8);
        String progress = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, table + progress);
        assertTrue(table.contains("### nodes: 1, 2 simulated nodes"), table);
        assertTrue(row("1 node", "1\\.00").matcher(table).find(), table);
        assertTrue(row("2 nodes", NUMBER).matcher(table).find(), table);
        assertTrue(table.contains("- processors: "), table);
        assertTrue(table.contains("### sha256: sha256 of a 8M file"), table);
        assertTrue(Pattern.compile("^\\| nixpve \\| 1 \\| " + NUMBER + " s \\|", Pattern.MULTILINE).matcher(table)
                .find(), table);
        assertTrue(table.contains("### start-up: "), table);
        assertTrue(Pattern.compile("^\\| nixpve \\| 1 \\| " + NUMBER + " s \\|.*\\| \\d+ \\| (" + NUMBER
                + "|n/a) \\| \\d+ \\|", Pattern.MULTILINE).matcher(table.substring(table.indexOf("### upload: ")))
                .find(), "the upload row with nixpve's RSS and heap: " + table);
        assertTrue(table.contains("### upload-discard: "), table);
        assertTrue(Pattern.compile("^\\| build, instant tasks \\| 1 \\| " + NUMBER + " s \\|", Pattern.MULTILINE)
                .matcher(table.substring(table.indexOf("### pipeline: "))).find(), table);
        assertTrue(Pattern.compile("^\\| no-op rebuild \\| 1 \\| " + NUMBER + " s \\|.*\\| 0 \\| " + NUMBER
                + " \\|", Pattern.MULTILINE).matcher(table).find(), "no write call: " + table);
        assertTrue(Pattern.compile("^\\| nixpve pve check \\| 1 \\| " + NUMBER + " s \\|", Pattern.MULTILINE)
                .matcher(table).find(), table);
        assertFalse((table + progress).contains(dev.nixpve.sim.PveSimulator.ROOT_TOKEN_ID + "="),
                "the simulator's token is never printed");
    }

    @Test
    void anUnknownRowIsAUsageErrorThatNamesTheRows() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Bench.run(print(new ByteArrayOutputStream()), print(err), "--row", "nodez");

        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no row 'nodez'; the rows are nodes"),
                err.toString(StandardCharsets.UTF_8));
    }

    /** | LABEL | 1 | 12.34 s | min to max | RATIO | calls | calls ratio | verdict | */
    private static Pattern row(String label, String ratio) {
        return Pattern.compile("^\\| " + label + " \\| 1 \\| " + NUMBER + " s \\| [^|]+ \\| " + ratio + " \\| \\d+ \\| "
                + NUMBER + " \\|", Pattern.MULTILINE);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
