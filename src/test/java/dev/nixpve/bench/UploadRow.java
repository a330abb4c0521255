package dev.nixpve.bench;

import dev.nixpve.config.ConfigLoader;
import dev.nixpve.event.EventSink;
import dev.nixpve.pipeline.steps.IsoFiles;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.Upid;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.wait.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17: an ISO upload through nixpve's client ({@link UploadMain}, a JVM of its own) against
 * {@code curl -F} of the same file, with the same fields, to the same receiver. Two receivers, two
 * rows: {@code upload}, the simulator's upload endpoint, which parses the multipart body, digests it
 * and spools it to a file as pveproxy does to /var/tmp (PVE's checksum task after the request is
 * waited for, untimed, and the ISO removed); and {@code upload-discard}, a {@link DiscardReceiver}
 * that only decrypts and throws the bytes away, so that it is not what limits either client. Both
 * time the HTTP request alone and report their peak RSS and the CPU time they used; nixpve its peak
 * heap too, and the CPU time of the request alone. nixpve runs with scripts/jvm.options, as the CLI
 * does, and once more with the JVM's defaults, to show what the options change in the same run. curl is told not to send
 * {@code Expect: 100-continue}, which nixpve does not send either: the simulator does not answer it,
 * and curl would wait a second for it.
 */
final class UploadRow implements Row {

    private static final Pattern UPID = Pattern.compile("UPID:[^\"\\s]+");
    private static final String NODE = "pve1";
    private static final String STORAGE = "local";

    /** Where the uploads go, and what is left to do after each. */
    private interface Receiver extends AutoCloseable {
        Map<String, String> environment();

        String url();

        void afterUpload(String output, String name);

        @Override
        void close();
    }

    private final String name;
    private final String receiverDescription;
    private final Settings settings;
    private final Path directory;
    private final Path file;
    private final String sha256;
    private final Receiver receiver;
    private final Path header;
    private final AtomicInteger uploads = new AtomicInteger();

    private UploadRow(String name, String receiverDescription, Settings settings,
                      java.util.function.Function<Path, Receiver> receiver) throws Exception {
        this.name = name;
        this.receiverDescription = receiverDescription;
        this.settings = settings;
        this.directory = Files.createTempDirectory(settings.workDirectory(), "upload-");
        this.file = directory.resolve("nixos.iso");
        RandomFile.write(file, settings.uploadSize().bytes());
        this.sha256 = IsoFiles.sha256(file);
        this.receiver = receiver.apply(directory);
        this.header = directory.resolve("authorization.header");
        Files.writeString(header, "Authorization: PVEAPIToken=" + this.receiver.environment()
                .get("PROXMOX_VE_API_TOKEN") + "\n");
    }

    /** The {@code upload} row: to the simulator's upload endpoint. */
    static UploadRow toSimulator(Settings settings) throws Exception {
        return new UploadRow("upload", "the simulator", settings, directory -> new SimulatorReceiver());
    }

    /** The {@code upload-discard} row: to a receiver that throws the body away. */
    static UploadRow toDiscard(Settings settings) throws Exception {
        return new UploadRow("upload-discard", "a discarding receiver", settings, directory -> new Discarding());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String title() {
        return "upload of a " + settings.uploadSize() + " ISO to " + receiverDescription
                + ", nixpve's client against curl -F";
    }

    @Override
    public String target() {
        return "at least 0.9x curl's throughput (a time ratio of at most 1.11); RSS under 200 MiB, heap flat in size";
    }

    @Override
    public List<Variant> variants() {
        List<Variant> variants = new ArrayList<>(List.of(Variant.baseline("curl -F", this::curl),
                new Variant("nixpve", 1.0 / 0.9, () -> nixpve(true))));
        if (!settings.quick()) { // a before-and-after that means nothing for 8 MiB
            variants.add(new Variant("nixpve, JVM defaults", Double.NaN, () -> nixpve(false)));
        }
        return variants;
    }

    private Sample curl() throws Exception {
        String upload = nextName();
        Commands.Finished done = Commands.run(directory, List.of("curl", "--silent", "--show-error", "--fail",
                "--insecure", "--header", "@" + header, "--header", "Expect:", "--form", "content=iso",
                "--form", "checksum-algorithm=sha256", "--form", "checksum=" + sha256,
                "--form", "filename=@" + file + ";filename=" + upload, receiver.url()));
        receiver.afterUpload(done.output(), upload);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("peak RSS, MiB", done.peakRssKib() >> 10);
        counts.put("CPU, ms", done.cpu().toMillis());
        counts.put("request CPU, ms", done.cpu().toMillis());
        return new Sample(done.wall(), counts);
    }

    /** nixpve's client with scripts/jvm.options as scripts/nixpve starts it, or with the JVM's defaults (before them). */
    private Sample nixpve(boolean launcherOptions) throws Exception {
        String upload = nextName();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (launcherOptions) {
            command.addAll(JvmOptions.launcher()); // as scripts/nixpve starts the CLI
        }
        command.addAll(List.of("-cp", absoluteClassPath(), UploadMain.class.getName(),
                file.toString(), NODE, STORAGE, upload, sha256));
        Commands.Finished done = Commands.run(directory, command, receiver.environment());
        receiver.afterUpload(done.output(), upload);
        Map<String, String> printed = new HashMap<>();
        done.output().lines().filter(l -> l.contains("=")).forEach(l -> printed.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("peak RSS, MiB", Long.parseLong(printed.get("rss")) >> 10);
        counts.put("CPU, ms", done.cpu().toMillis());
        counts.put("request CPU, ms", Long.parseLong(printed.get("cpu")));
        counts.put("peak heap, MiB", Long.parseLong(printed.get("heap")) >> 20);
        return new Sample(Duration.ofNanos((long) (Double.parseDouble(printed.get("seconds")) * 1e9)), counts);
    }

    /** This JVM's class path with each entry absolute: UploadMain runs in the row's directory. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private String nextName() {
        return "bench-" + uploads.incrementAndGet() + ".iso";
    }

    @Override
    public void close() throws IOException {
        receiver.close();
        Trees.delete(directory);
    }

    /** The simulator's upload endpoint; each upload's task is waited for and its ISO removed, so each starts afresh. */
    private static final class SimulatorReceiver implements Receiver {
        private final PveSimulator sim;
        private final ProxmoxClient client;

        SimulatorReceiver() {
            try {
                this.sim = PveSimulator.start(SimOptions.defaults().withPort(0));
                this.client = new ProxmoxConnector(Clock.systemUTC(), Sleeper.system(), EventSink.discard())
                        .connect(new ConfigLoader(new HashMap<>(sim.environment())).load(Optional.empty(), List.of(),
                                Path.of(".")).proxmox());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the simulator: " + e.getMessage(), e);
            }
        }

        @Override
        public Map<String, String> environment() {
            return sim.environment();
        }

        @Override
        public String url() {
            return sim.environment().get("PROXMOX_VE_ENDPOINT").replaceAll("/*$", "") + "/api2/json/nodes/" + NODE
                    + "/storage/" + STORAGE + "/upload";
        }

        @Override
        public void afterUpload(String output, String name) {
            Matcher upid = UPID.matcher(output);
            if (!upid.find()) {
                throw new IllegalStateException("the upload of " + name + " answered no task: " + output.strip());
            }
            Upid task = Upid.parse(upid.group());
            new TaskWaiter(client, Clock.systemUTC(), Sleeper.system()).await(task, Duration.ofMinutes(5),
                    Duration.ofMillis(200), ResourceRef.task(task));
            client.deleteVolume(NODE, STORAGE, STORAGE + ":iso/" + name);
        }

        @Override
        public void close() {
            client.close();
            sim.close();
        }
    }

    /** The discarding receiver: nothing is kept, so nothing is left to remove; its answer is checked. */
    private static final class Discarding implements Receiver {
        private final DiscardReceiver receiver;
        private final String token = "root@pam!bench=" + UUID.randomUUID();

        Discarding() {
            try {
                this.receiver = new DiscardReceiver();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the discarding receiver: " + e.getMessage(), e);
            }
        }

        @Override
        public Map<String, String> environment() {
            return receiver.environment(token);
        }

        @Override
        public String url() {
            return receiver.uploadUrl(NODE, STORAGE);
        }

        @Override
        public void afterUpload(String output, String name) {
            if (!output.contains(DiscardReceiver.TASK)) {
                throw new IllegalStateException("the upload of " + name + " was not answered: " + output.strip());
            }
        }

        @Override
        public void close() {
            receiver.close();
        }
    }
}
