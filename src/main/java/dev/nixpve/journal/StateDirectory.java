package dev.nixpve.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where runs keep what must outlive them: {@code runs/<id>.jsonl}, the journal of each run, and
 * {@code runs/<id>.lock}, the lock its process holds while it lives. A journal with no
 * {@link JournalLine.Kind#RUN_ENDED} line whose lock nobody holds belongs to a run that died.
 */
public final class StateDirectory {

    private static final String JOURNAL_SUFFIX = ".jsonl";

    /** A journal of a run that died before it ended, with every whole line it wrote. */
    public record DeadRun(RunId run, Path journal, List<JournalLine> lines) {
    }

    private final Path root;

    public StateDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path journal(RunId run) {
        return runs().resolve(run.value() + JOURNAL_SUFFIX);
    }

    /**
     * The lock one image's builds on one node take for their whole life: two runs of the same
     * image and node would otherwise both build and publish, and race on the same outputs.
     */
    public Path imageLock(String image, String node) {
        return root.resolve("locks").resolve(image + "@" + node + ".lock");
    }

    /** What the metrics remember between runs of one image on one node: run counts, last success, template. */
    public Path metricsHistory(String image, String node) {
        return root.resolve("metrics").resolve(image + "@" + node + ".json");
    }

    /** The nodes whose metrics history of {@code image} is kept here (earlier runs' nodes), sorted. */
    public List<String> metricsNodes(String image) throws IOException {
        Path metrics = root.resolve("metrics");
        if (!Files.isDirectory(metrics)) {
            return List.of();
        }
        String prefix = image + "@";
        try (Stream<Path> files = Files.list(metrics)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".json"))
                    .map(n -> n.substring(prefix.length(), n.length() - ".json".length())).sorted().toList();
        }
    }

    public Path runLock(RunId run) {
        return runs().resolve(run.value() + ".lock");
    }

    /** Whether {@code run}'s process is alive: it holds its lock. */
    public boolean isLive(RunId run) throws IOException {
        return RunLock.isHeld(runLock(run));
    }

    /** Journals of runs that neither ended nor live, oldest first. */
    public List<DeadRun> deadRuns() throws IOException {
        List<DeadRun> dead = new ArrayList<>();
        for (RunId run : journaledRuns()) {
            if (isLive(run)) {
                continue;
            }
            List<JournalLine> lines = JournalFile.read(journal(run));
            boolean ended = lines.stream().anyMatch(l -> l.kind() == JournalLine.Kind.RUN_ENDED);
            if (!ended) {
                dead.add(new DeadRun(run, journal(run), lines));
            }
        }
        dead.sort(java.util.Comparator.comparing(d -> d.lines().isEmpty() ? java.time.Instant.EPOCH
                : d.lines().get(0).at()));
        return dead;
    }

    /** Every run this directory holds a journal of. */
    public List<RunId> journaledRuns() throws IOException {
        if (!Files.isDirectory(runs())) {
            return List.of();
        }
        List<RunId> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(runs())) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(JOURNAL_SUFFIX))
                    .map(n -> n.substring(0, n.length() - JOURNAL_SUFFIX.length()))
                    .forEach(n -> parse(n).ifPresent(runs::add));
        }
        runs.sort(java.util.Comparator.comparing(RunId::value));
        return runs;
    }

    private Path runs() {
        return root.resolve("runs");
    }

    private static Optional<RunId> parse(String name) {
        try {
            return Optional.of(new RunId(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
