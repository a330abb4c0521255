package dev.nixpve.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    private final FileChannel channel;

    private JournalFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens (creating if needed) a journal for appending. */
    public static JournalFile append(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return new JournalFile(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    /** Appends one line and forces it to the disk before returning. */
    public synchronized void write(JournalLine line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
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
