package dev.nixpve.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's journal on disk: JSON lines, appended and forced to the disk one at a time, so a line
 * announcing a call is durable before the call is made. A process killed mid-write leaves at most
 * one torn last line, which {@link #read} drops.
 */
public final class JournalFile implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path path;
    private final FileOutputStream out;

    private JournalFile(Path path, FileOutputStream out) {
        this.path = path;
        this.out = out;
    }

    /**
     * Opens (creating if needed) a journal for appending. A stream, not a FileChannel: a channel
     * closes itself when its thread is interrupted, and a run stopped by a signal (an interrupt)
     * must still journal its cleanup.
     */
    public static JournalFile append(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return new JournalFile(path, new FileOutputStream(path.toFile(), true));
    }

    /** Appends one line and forces it to the disk (fsync) before returning. */
    public synchronized void write(JournalLine line) throws IOException {
        out.write((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        out.getFD().sync();
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Every whole line of a journal; a torn last line (the writer died mid-line) is left out. */
    public static List<JournalLine> read(Path path) throws IOException {
        List<String> raw = Files.readAllLines(path, StandardCharsets.UTF_8);
        List<JournalLine> lines = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String text = raw.get(i);
            if (text.isBlank()) {
                continue;
            }
            try {
                lines.add(JSON.readValue(text, JournalLine.class));
            } catch (JsonProcessingException e) {
                if (i < raw.size() - 1) {
                    throw new IOException(path + " line " + (i + 1) + " is not a journal line: "
                            + e.getOriginalMessage(), e);
                }
            }
        }
        return lines;
    }
}
