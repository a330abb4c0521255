package dev.nixpve.sim.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GET .../agent/file-read} returns (qemu-server API2/Qemu/Agent.pm file-read, 8.4 and
 * 9.1 read at most 16 MiB): PVE asks QGA for 1 MiB chunks until it has the limit or QGA says
 * eof, and answers {@code content} and {@code bytes-read}, plus {@code truncated: 1} whenever the
 * last read did not report eof. QGA's eof is stdio's feof after a short read, so a file of
 * exactly the limit also comes back truncated.
 */
final class FileReadAnswer {

    static final int MAX_READ_SIZE = 16 * 1024 * 1024;
    private static final int CHUNK = 1024 * 1024;

    private FileReadAnswer() {
    }

    static Map<String, Object> of(byte[] file) {
        int bytesRead = 0;
        boolean eof = false;
        while (bytesRead < MAX_READ_SIZE && !eof) {
            int wanted = Math.min(MAX_READ_SIZE - bytesRead, CHUNK);
            int got = Math.min(wanted, file.length - bytesRead);
            eof = got < wanted;
            bytesRead += got;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("content", new String(Arrays.copyOf(file, bytesRead), StandardCharsets.UTF_8));
        answer.put("bytes-read", bytesRead);
        if (!eof) {
            answer.put("truncated", 1);
        }
        return answer;
    }
}
