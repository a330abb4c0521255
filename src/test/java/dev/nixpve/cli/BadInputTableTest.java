package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@link BadInputCases}: exit 2, one paragraph on stderr naming where and what, no
 * stack trace, no control character, and never the secret. docs/reliability.md's "Bad input"
 * section is this table, written out; {@link #theDocumentListsEveryRow} keeps them equal.
 */
class BadInputTableTest {

    static final Path DOCUMENT = Path.of("docs/reliability.md");
    static final String SECTION = "## Bad input";

    /** Stands in for Proxmox VE: no row may connect to it, as a usage error is found before connecting. */
    private static ServerSocket tripwire;

    @TempDir
    Path dir;

    @BeforeAll
    static void openTripwire() throws IOException {
        tripwire = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        tripwire.setSoTimeout(1); // connections wait in the backlog; accept() only looks whether one did
    }

    @AfterAll
    static void closeTripwire() throws IOException {
        tripwire.close();
    }

    private static String endpoint() {
        return "https://127.0.0.1:" + tripwire.getLocalPort() + "/";
    }

    private static boolean someoneConnected() throws IOException {
        try (Socket connected = tripwire.accept()) {
            return true;
        } catch (SocketTimeoutException nobody) {
            return false;
        }
    }

    static List<BadInput> cases() {
        return BadInputCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(120) // a sim row that regressed serves until interrupted
    void isRefusedWithExit2NamingWhereAndWhat(BadInput row) throws Exception {
        if (row.yaml().isPresent()) {
            Files.writeString(dir.resolve(BadInput.FILE), row.yaml().get(), StandardCharsets.UTF_8);
        }
        row.prepare().in(dir);
        CliRun run = CliRun.run(row.fullEnvironment(endpoint()), dir, row.commandLine().toArray(String[]::new));
        String shown = "stderr: " + run.err() + "\nstdout: " + run.out();
        assertFalse(someoneConnected(), "connected to Proxmox VE before refusing: " + shown);
        assertEquals(2, run.exitCode(), shown);
        assertTrue(run.err().contains(row.where()), "expected <" + row.where() + "> in " + shown);
        assertTrue(run.err().contains(row.says()), "expected <" + row.says() + "> in " + shown);
        assertFalse(run.all().contains(BadInput.SECRET), "the secret was shown: " + shown);
        assertFalse(run.all().contains(BadInput.SECRET.substring(0, 12)), "part of the secret was shown: " + shown);
        assertFalse(run.err().contains("\tat dev.nixpve"), "no stack trace without --verbose: " + shown);
        assertFalse(run.all().chars().anyMatch(c -> c < 0x20 && c != '\n' || c == 0x7f || c >= 0x80 && c < 0xa0),
                "a control character reached the terminal: " + shown);
        assertTrue(run.err().startsWith("error: "), "an error paragraph: " + shown);
        assertEquals(1, run.err().strip().lines().count(), "one paragraph: " + shown);
        assertTrue(run.err().contains("Hint: "), "with a hint: " + shown);
    }

    @Test
    void theTableHasAtLeastAHundredRowsWithDistinctNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        cases().forEach(row -> assertTrue(names.add(row.name()), "two rows are called " + row.name()));
        assertTrue(cases().size() >= 100, "the table has " + cases().size() + " rows");
    }

    /**
     * The document's section is generated from the table. When a row changes, run this test with
     * -Dnixpve.writeDocs=true to rewrite the section, and commit both.
     */
    @Test
    void theDocumentListsEveryRow() throws Exception {
        String document = Files.readString(DOCUMENT);
        int start = document.indexOf(SECTION + "\n");
        assertTrue(start >= 0, DOCUMENT + " has no '" + SECTION + "' section");
        int next = document.indexOf("\n## ", start + SECTION.length());
        int end = next < 0 ? document.length() : next + 1;
        String expected = section();
        if (Boolean.getBoolean("nixpve.writeDocs")) {
            Files.writeString(DOCUMENT, document.substring(0, start) + expected + document.substring(end));
            return;
        }
        assertEquals(expected, document.substring(start, end), DOCUMENT + "'s '" + SECTION + "' section differs "
                + "from BadInputCases; run BadInputTableTest with -Dnixpve.writeDocs=true and commit the document");
    }

    static String section() {
        String rows = cases().stream().map(row -> "| " + cell(row.scenario()) + " | exit 2; `" + cell(row.where())
                + "`: " + cell(row.says()) + " | `" + row.name() + "` |").collect(Collectors.joining("\n"));
        return SECTION + "\n\n"
                + "Generated from `src/test/java/dev/nixpve/cli/BadInputCases.java` (" + cases().size() + " rows); "
                + "`BadInputTableTest.theDocumentListsEveryRow` fails when the two differ. Each row runs `nixpve "
                + "render --out out` (or the command line its scenario shows) in a fresh directory with the row's "
                + "`nixpve.yaml`, environment, flags and files, a valid `PROXMOX_VE_API_TOKEN` whose secret (also in "
                + "`NIXPVE_TABLE_SECRET`) must appear in no output, and a `PROXMOX_VE_ENDPOINT` that counts "
                + "connections: none may be made. Every row expects exit code 2, the named place and problem on "
                + "stderr in one paragraph (`file:line: key`, `environment VAR` or `option --flag`) with a "
                + "`Hint:`, no stack trace and no control character. The test column is the row's name in "
                + "`BadInputTableTest`.\n\n"
                + "| scenario | expected behaviour | test |\n"
                + "| --- | --- | --- |\n"
                + rows + "\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
