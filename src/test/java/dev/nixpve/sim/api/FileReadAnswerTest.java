package dev.nixpve.sim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** file-read as qemu-server answers it: 1 MiB QGA reads up to 16 MiB, eof from a short read. */
class FileReadAnswerTest {

    @Test
    void aSmallFileComesWholeWithItsByteCount() {
        Map<String, Object> answer = FileReadAnswer.of("{\"phase\":\"done\"}\n".getBytes(StandardCharsets.UTF_8));

        assertEquals("{\"phase\":\"done\"}\n", answer.get("content"));
        assertEquals(17, answer.get("bytes-read"));
        assertFalse(answer.containsKey("truncated"));
    }

    @Test
    void aFileOfWholeChunksEndsOnTheEmptyReadAfterThem() {
        Map<String, Object> answer = FileReadAnswer.of(new byte[1024 * 1024]);

        assertEquals(1024 * 1024, answer.get("bytes-read"));
        assertFalse(answer.containsKey("truncated"));
    }

    @Test
    void aLargerFileStopsAtSixteenMibAndSaysTruncated() {
        Map<String, Object> answer = FileReadAnswer.of(new byte[FileReadAnswer.MAX_READ_SIZE + 1]);

        assertEquals(FileReadAnswer.MAX_READ_SIZE, answer.get("bytes-read"));
        assertEquals(FileReadAnswer.MAX_READ_SIZE, ((String) answer.get("content")).length());
        assertEquals(1, answer.get("truncated"));
    }

    @Test
    void aFileOfExactlyTheLimitIsAlsoTruncatedBecauseNoReadCameBackShort() {
        Map<String, Object> answer = FileReadAnswer.of(new byte[FileReadAnswer.MAX_READ_SIZE]);

        assertEquals(FileReadAnswer.MAX_READ_SIZE, answer.get("bytes-read"));
        assertEquals(1, answer.get("truncated"));
    }
}
