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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17: an ISO upload through nixpve's client ({@link UploadMain}, a JVM of its own) against
 * {@code curl -F} of the same file, with the same fields, to the same receiver: the simulator's
 * upload endpoint, which streams the body to a file in its storage directory, as pveproxy does to
 * /var/tmp. Both time the HTTP request alone (PVE's checksum task after it is not theirs) and report
 * their peak RSS; nixpve its peak heap too. Each upload is removed after, once its task ended.
 * curl is told not to send {@code Expect: 100-continue}, which nixpve does not send either: the
 * simulator does not answer it, and curl would wait a second for it.
 */
final class UploadRow implements Row {

    private static final Pattern UPID = Pattern.compile("UPID:[^\"\\s]+");
    private static final String NODE = "pve1";
    private static final String STORAGE = "local";

    private final Settings settings;
    private final Path directory;
    private final Path file;
    private final String sha256;
    private final PveSimulator sim;
    private final ProxmoxClient client;
    private final Path header;
    private final AtomicInteger uploads = new AtomicInteger();

    UploadRow(Settings settings) throws Exception {
        this.settings = settings;
        this.directory = Files.createTempDirectory(settings.workDirectory(), "upload-");
        this.file = directory.resolve("nixos.iso");
        RandomFile.write(file, settings.uploadSize().bytes());
        this.sha256 = IsoFiles.sha256(file);
        this.sim = PveSimulator.start(SimOptions.defaults().withPort(0));
        this.client = new ProxmoxConnector(Clock.systemUTC(), Sleeper.system(), EventSink.discard())
                .connect(new ConfigLoader(new HashMap<>(sim.environment())).load(Optional.empty(), List.of(),
                        directory).proxmox());
        this.header = directory.resolve("authorization.header");
        Files.writeString(header, "Authorization: PVEAPIToken=" + sim.environment().get("PROXMOX_VE_API_TOKEN")
                + "\n");
    }

    @Override
    public String name() {
        return "upload";
    }

    @Override
    public String title() {
        return "upload of a " + settings.uploadSize() + " ISO to the simulator, nixpve's client against curl -F";
    }

    @Override
    public String target() {
        return "at least 0.9x curl's throughput (a time ratio of at most 1.11); RSS under 200 MiB, heap flat in size";
    }

    @Override
    public List<Variant> variants() {
        return List.of(Variant.baseline("curl -F", this::curl), new Variant("nixpve", 1.0 / 0.9, this::nixpve));
    }

    private Sample curl() throws Exception {
        String name = nextName();
        String url = sim.environment().get("PROXMOX_VE_ENDPOINT").replaceAll("/*$", "")
                + "/api2/json/nodes/" + NODE + "/storage/" + STORAGE + "/upload";
        Commands.Finished done = Commands.run(directory, List.of("curl", "--silent", "--show-error", "--fail",
                "--insecure", "--header", "@" + header, "--header", "Expect:", "--form", "content=iso", "--form", "checksum-algorithm=sha256",
                "--form", "checksum=" + sha256, "--form", "filename=@" + file + ";filename=" + name, url));
        removeAfter(done.output(), name);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("peak RSS, MiB", done.peakRssKib() >> 10);
        return new Sample(done.wall(), counts);
    }

    private Sample nixpve() throws Exception {
        String name = nextName();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), UploadMain.class.getName(), file.toString(),
                NODE, STORAGE, name, sha256));
        Commands.Finished done = withEnvironment(command);
        removeAfter(done.output(), name);
        Map<String, String> printed = new HashMap<>();
        done.output().lines().filter(l -> l.contains("=")).forEach(l -> printed.put(l.substring(0, l.indexOf('=')),
                l.substring(l.indexOf('=') + 1)));
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("peak RSS, MiB", Long.parseLong(printed.get("rss")) >> 10);
        counts.put("peak heap, MiB", Long.parseLong(printed.get("heap")) >> 20);
        return new Sample(Duration.ofNanos((long) (Double.parseDouble(printed.get("seconds")) * 1e9)), counts);
    }

    /** UploadMain reads the connection from PROXMOX_VE_*, as the CLI does; this JVM's own are never passed on. */
    private Commands.Finished withEnvironment(List<String> command) throws IOException, InterruptedException {
        return Commands.run(directory, command, sim.environment());
    }

    private String nextName() {
        return "bench-" + uploads.incrementAndGet() + ".iso";
    }

    /** Waits for the upload's task (PVE's checksum check), then removes the ISO, so each upload starts afresh. */
    private void removeAfter(String output, String name) {
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
    public void close() throws IOException {
        client.close();
        sim.close();
        Trees.delete(directory);
    }
}
