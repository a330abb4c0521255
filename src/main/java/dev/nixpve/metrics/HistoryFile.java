package dev.nixpve.metrics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nixpve.emit.AtomicFiles;
import dev.nixpve.event.RunOutcome;
import dev.nixpve.event.TemplateFacts;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The {@link RunHistory} of one image on one node, as a JSON file in the state directory. Updates
 * hold an OS lock on a file beside it for the few milliseconds they take: a run that was locked out
 * of the image still counts itself while the holder may be finishing.
 */
public final class HistoryFile {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;

    public HistoryFile(Path file) {
        this.file = file;
    }

    /**
     * Reads the history, applies {@code change}, writes the result and hands it to {@code then},
     * all under the lock, so that what {@code then} exports is never older than what another run
     * exported after it; returns the result.
     */
    public RunHistory update(UnaryOperator<RunHistory> change, Consumer<RunHistory> then) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            RunHistory changed = change.apply(read());
            AtomicFiles.write(file, JSON.writeValueAsString(Stored.of(changed)));
            then.accept(changed);
            return changed;
        }
    }

    /** The history as last written; empty before the first run. */
    public RunHistory read() throws IOException {
        if (!Files.exists(file)) {
            return RunHistory.EMPTY;
        }
        return JSON.readValue(file.toFile(), Stored.class).history();
    }

    /** The file's form: absent values are nulls there, as Jackson 2 writes no Optional without another module. */
    private record Stored(Map<RunOutcome, Long> runs, Instant lastSuccess, Instant lastFailure, boolean inProgress,
                          Instant runStart, Duration lastDuration, StoredTemplate template) {

        static Stored of(RunHistory h) {
            return new Stored(h.runs(), h.lastSuccess().orElse(null), h.lastFailure().orElse(null), h.inProgress(),
                    h.runStart().orElse(null), h.lastDuration().orElse(null),
                    h.template().map(t -> new StoredTemplate(t.node(), t.vmid(), t.name(), t.buildId(),
                            t.nixpkgsRevision(), t.created())).orElse(null));
        }

        RunHistory history() {
            return new RunHistory(runs == null ? Map.of() : runs, Optional.ofNullable(lastSuccess),
                    Optional.ofNullable(lastFailure), inProgress, Optional.ofNullable(runStart),
                    Optional.ofNullable(lastDuration), Optional.ofNullable(template).map(t -> new TemplateFacts(t.node,
                            t.vmid, t.name, t.buildId, t.nixpkgsRevision, t.created)));
        }
    }

    private record StoredTemplate(String node, int vmid, String name, String buildId, String nixpkgsRevision,
                                  Instant created) {
    }
}
