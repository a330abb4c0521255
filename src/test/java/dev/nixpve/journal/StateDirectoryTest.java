package dev.nixpve.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nixpve.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();

    @Test
    void onlyJournalsOfRunsThatDiedAreDead() throws IOException {
        StateDirectory state = new StateDirectory(dir);
        RunId died = new RunId("00000000000a");
        RunId ended = new RunId("00000000000b");
        RunId live = new RunId("00000000000c");
        RunJournal dying = RunJournal.start(state, died, clock, "build-and-deploy-template");
        dying.intent(new Resource.Vm("pve1", 9100), "installer VM");
        dying.close(); // as the kernel does when the process is killed: the lock goes, no end line
        try (RunJournal done = RunJournal.start(state, ended, clock, "build-and-deploy-template")) {
            done.end("succeeded");
        }
        try (RunJournal running = RunJournal.start(state, live, clock, "build-and-deploy-template")) {
            running.intent(new Resource.Vm("pve1", 9101), "installer VM");

            List<StateDirectory.DeadRun> dead = state.deadRuns();

            assertEquals(List.of(died), dead.stream().map(StateDirectory.DeadRun::run).toList());
            assertEquals(List.of(JournalLine.Kind.RUN_STARTED, JournalLine.Kind.INTENT),
                    dead.get(0).lines().stream().map(JournalLine::kind).toList());
            assertEquals(List.of(died, ended, live), state.journaledRuns());
        }
    }

    @Test
    void anEmptyOrMissingDirectoryHasNoRuns() throws IOException {
        assertEquals(List.of(), new StateDirectory(dir.resolve("nowhere")).deadRuns());
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("runs/notes.txt"), "not a journal");
        assertEquals(List.of(), new StateDirectory(dir).deadRuns());
    }
}
