package dev.nixpve.bench;

import dev.nixpve.pipeline.steps.IsoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Issue 17: the sha256 nixpve takes of an ISO (its build id; {@code IsoFiles.sha256}, in this JVM
 * as the CLI runs it) against coreutils' {@code sha256sum} of the same file, which is on every
 * machine nixpve runs on. The file is written once, with data that does not compress, and read
 * from the page cache by both, so the row compares hashing, not the disk.
 */
final class Sha256Row implements Row {

    private final Settings settings;
    private final Path file;

    Sha256Row(Settings settings) throws IOException, InterruptedException {
        this.settings = settings;
        this.file = settings.workDirectory().resolve("hash-input.bin");
        RandomFile.write(file, settings.hashSize().bytes());
        String theirs = Commands.output(settings.workDirectory(), List.of("sha256sum", file.toString())).split(" ")[0];
        if (!theirs.equals(IsoFiles.sha256(file))) {
            throw new IllegalStateException("nixpve's sha256 of " + file + " differs from sha256sum's");
        }
    }

    @Override
    public String name() {
        return "sha256";
    }

    @Override
    public String title() {
        return "sha256 of a " + settings.hashSize() + " file, nixpve against sha256sum";
    }

    @Override
    public String target() {
        return "at least 0.8x sha256sum's speed: a time ratio of at most 1.25";
    }

    @Override
    public List<Variant> variants() {
        return List.of(
                Variant.baseline("sha256sum", () -> Sample.of(Commands.timed(settings.workDirectory(),
                        List.of("sha256sum", file.toString())))),
                new Variant("nixpve", 1.25, () -> {
                    long started = System.nanoTime();
                    IsoFiles.sha256(file);
                    return Sample.of(Duration.ofNanos(System.nanoTime() - started));
                }));
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
