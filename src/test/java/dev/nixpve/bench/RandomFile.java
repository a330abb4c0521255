package dev.nixpve.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A file of data that does not compress (a repeated random megabyte), written once per row. */
final class RandomFile {

    private RandomFile() {
    }

    static void write(Path file, long size) throws IOException {
        byte[] block = new byte[1 << 20];
        new Random(17).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }
}
