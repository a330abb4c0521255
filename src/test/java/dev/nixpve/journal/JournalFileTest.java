package dev.nixpve.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.journal.JournalLine.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {

    private static final RunId RUN = new RunId("0123456789ab");
    private static final Instant AT = Instant.parse("2026-12-03T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void linesComeBackAsWrittenWithTheirTypedResources() throws IOException {
        Path path = dir.resolve("runs/" + RUN + ".jsonl");
        List<JournalLine> lines = List.of(
                new JournalLine(RUN, AT, Kind.RUN_STARTED, null, "build-and-deploy-template"),
                new JournalLine(RUN, AT, Kind.INTENT, new Resource.Vm("pve1", 9100), "installer VM"),
                new JournalLine(RUN, AT, Kind.CREATED, new Resource.Volume("pve1", "local", "local:iso/a.iso"), null));
        try (JournalFile file = JournalFile.append(path)) {
            for (JournalLine line : lines) {
                file.write(line);
            }
        }

        assertEquals(lines, JournalFile.read(path));
        assertTrue(Files.readString(path).contains("\"resource\":{\"type\":\"vm\",\"node\":\"pve1\",\"vmid\":9100}"),
                Files.readString(path));
    }

    @Test
    void aTornLastLineOfAKilledWriterIsDropped() throws IOException {
        Path path = dir.resolve("run.jsonl");
        try (JournalFile file = JournalFile.append(path)) {
            file.write(new JournalLine(RUN, AT, Kind.INTENT, new Resource.Vm("pve1", 9100), null));
        }
        Files.writeString(path, "{\"run\":\"0123456789ab\",\"at\":\"2026-12-03T08:", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        assertEquals(List.of(Kind.INTENT), JournalFile.read(path).stream().map(JournalLine::kind).toList());
    }

    @Test
    void aBrokenLineInTheMiddleIsAnErrorNamingItsLine() throws IOException {
        Path path = dir.resolve("run.jsonl");
        Files.writeString(path, "not json\n{\"run\":\"0123456789ab\",\"at\":\"2026-12-03T08:00:00Z\",\"kind\":\"INTENT\"}\n");

        IOException error = assertThrows(IOException.class, () -> JournalFile.read(path));

        assertTrue(error.getMessage().contains("line 1"), error.getMessage());
    }

    @Test
    void appendingToAnExistingJournalKeepsWhatWasThere() throws IOException {
        Path path = dir.resolve("run.jsonl");
        try (JournalFile file = JournalFile.append(path)) {
            file.write(new JournalLine(RUN, AT, Kind.INTENT, new Resource.Vm("pve1", 9100), null));
        }
        try (JournalFile file = JournalFile.append(path)) {
            file.write(new JournalLine(RUN, AT, Kind.REMOVED, new Resource.Vm("pve1", 9100), "recovered"));
        }

        assertEquals(List.of(Kind.INTENT, Kind.REMOVED), JournalFile.read(path).stream().map(JournalLine::kind)
                .toList());
    }
}
