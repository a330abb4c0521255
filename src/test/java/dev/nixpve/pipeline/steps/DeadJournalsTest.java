package dev.nixpve.pipeline.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nixpve.journal.JournalFile;
import dev.nixpve.journal.JournalLine;
import dev.nixpve.journal.Resource;
import dev.nixpve.journal.RunId;
import dev.nixpve.pipeline.steps.Recover.Resumable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dead cluster run's journal stays open until every node's VM of it is settled. */
class DeadJournalsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final RunId DEAD = RunId.random();

    @TempDir
    Path dir;

    @Test
    void theJournalEndsWithItsLastVmAndSaysWhichOneWasTakenOver() throws IOException {
        Path journal = dir.resolve("dead.jsonl");
        try (JournalFile out = JournalFile.append(journal)) {
            out.write(new JournalLine(DEAD, NOW, JournalLine.Kind.RUN_STARTED, null, "a cluster run"));
        }
        Resumable onPve1 = left("pve1", 9100, journal);
        Resumable onPve2 = left("pve2", 9101, journal);
        DeadJournals settling = new DeadJournals(List.of(onPve1, onPve2));

        settling.settled(onPve1, "died; its VM 9100 on pve1 is finished by run x", true, NOW);
        assertEquals(List.of(JournalLine.Kind.RUN_STARTED), kinds(journal), "pve2's VM is still to settle");

        settling.settled(onPve2, "died; recovered by run x", false, NOW);
        List<JournalLine> lines = JournalFile.read(journal);
        assertEquals(List.of(JournalLine.Kind.RUN_STARTED, JournalLine.Kind.RUN_ENDED), kinds(journal));
        assertEquals("died; its VM 9100 on pve1 is finished by run x", lines.get(1).detail());
    }

    private static Resumable left(String node, int vmid, Path journal) {
        return new Resumable(new Resource.Vm(node, vmid), DEAD, Recover.Stage.INSTALLED, "build-0123456789ab",
                Optional.of(journal));
    }

    private static List<JournalLine.Kind> kinds(Path journal) throws IOException {
        return JournalFile.read(journal).stream().map(JournalLine::kind).toList();
    }
}
