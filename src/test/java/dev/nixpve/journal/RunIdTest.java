package dev.nixpve.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunIdTest {

    @Test
    void aRunIdIsATagPveAccepts() {
        RunId run = RunId.random();

        // PVE's tag format: [a-z0-9_][a-z0-9_\-+.]*
        assertEquals(true, run.tag().matches("[a-z0-9_][a-z0-9_\\-+.]*"), run.tag());
        assertEquals(Optional.of(run), RunId.fromTag(run.tag()));
        assertNotEquals(run, RunId.random());
    }

    @Test
    void onlyRunTagsNameARun() {
        assertEquals(Optional.empty(), RunId.fromTag("nixpve"));
        assertEquals(Optional.empty(), RunId.fromTag("run-XYZ"));
        assertEquals(Optional.empty(), RunId.fromTag("build-0123456789ab"));
        assertThrows(IllegalArgumentException.class, () -> new RunId("../etc/passwd"));
    }
}
