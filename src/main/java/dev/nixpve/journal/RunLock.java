package dev.nixpve.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * An OS file lock held for a process's life. The kernel drops it when the process dies, however it
 * dies, so a lock never outlives its holder and nobody has to guess whether one is stale. The file
 * says who holds it, for the message another run shows; it is never deleted, so two processes can
 * never lock two different files of one name.
 *
 * <p>POSIX record locks belong to the process, and closing <em>any</em> descriptor of the file
 * drops them all, so this process never opens a file it holds the lock of: what it holds is
 * answered from {@link #HELD}.
 */
public final class RunLock implements AutoCloseable {

    /** Who holds a lock, as the message of a run that did not get it names them. */
    public record Holder(long pid, String host, Instant started, RunId run) {

        public static Holder of(ProcessHandle process, String host, Instant started, RunId run) {
            return new Holder(process.pid(), host, started, run);
        }

        /** This process, on this machine, for run {@code run} started at {@code started}. */
        public static Holder thisProcess(Instant started, RunId run) {
            return of(ProcessHandle.current(), thisHost(), started, run);
        }

        /** The name this machine's runs record as their host. */
        public static String thisHost() {
            return java.util.Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElseGet(() -> {
                try {
                    return java.net.InetAddress.getLocalHost().getHostName();
                } catch (java.net.UnknownHostException e) {
                    return "unknown-host";
                }
            });
        }

        public String describe() {
            return "run " + run + " (pid " + pid + " on " + host + ", started " + started + ")";
        }

        private static final java.util.regex.Pattern DESCRIBED = java.util.regex.Pattern.compile(
                "run ([0-9a-f]{12}) \\(pid (\\d+) on (\\S+), started (\\S+)\\)");

        /** The holder a text names in {@link #describe}'s words (a VM's description does), if it names one. */
        public static Optional<Holder> parse(String text) {
            java.util.regex.Matcher found = DESCRIBED.matcher(text);
            if (!found.find()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Holder(Long.parseLong(found.group(2)), found.group(3),
                        Instant.parse(found.group(4)), RunId.of(found.group(1))));
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }

    private static final ObjectMapper JSON = JournalFile.JSON;
    private static final java.util.Map<Path, RunLock> HELD = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;
    private final Holder holder;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, Holder holder, FileChannel channel, FileLock lock) {
        this.file = file;
        this.holder = holder;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock and writes {@code holder} into the file; empty when a live process holds it. */
    public static synchronized Optional<RunLock> tryAcquire(Path file, Holder holder) throws IOException {
        Files.createDirectories(file.getParent());
        Path key = key(file);
        if (HELD.containsKey(key)) {
            return Optional.empty();
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it already
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(holder)), 0);
        channel.force(false);
        RunLock held = new RunLock(key, holder, channel, lock);
        HELD.put(key, held);
        return Optional.of(held);
    }

    /** Whether a live process holds the lock on {@code file}, without keeping it. */
    public static boolean isHeld(Path file) throws IOException {
        if (HELD.containsKey(key(file))) {
            return true;
        }
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Who wrote the file last: the holder while {@link #isHeld} is true, else the last holder. */
    public static Optional<Holder> holder(Path file) throws IOException {
        RunLock mine = HELD.get(key(file));
        if (mine != null) {
            return Optional.of(mine.holder);
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(JSON.readValue(text, Holder.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty(); // written by a holder that died mid-write
        }
    }

    public Holder holder() {
        return holder;
    }

    @Override
    public synchronized void close() throws IOException {
        if (HELD.remove(file, this)) {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
