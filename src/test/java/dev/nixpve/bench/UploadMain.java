package dev.nixpve.bench;

import dev.nixpve.config.ConfigLoader;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import dev.nixpve.proxmox.model.UploadRequest;
import dev.nixpve.proxmox.wire.JvmHttpSettings;
import dev.nixpve.wait.Sleeper;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The upload row's measured program: one ISO upload through nixpve's own client (Jersey, the
 * streaming multipart body, the progress callback), as the pipeline's upload step makes it, in a
 * JVM of its own. As in a run, the upload is not the client's first request: preflight's
 * {@code GET /version} comes first, and with it the JVM's one-time set-up of Jersey and the TLS
 * handshake, which the pipeline pays before any upload (timed apart, {@code first=}). Prints
 * {@code seconds=…} (the upload request alone, as curl's), the CPU time the upload used
 * ({@code cpu=}, all threads: the JIT compiling the TLS path included), the peak heap and VmHWM, and
 * the task PVE answered with. Arguments: FILE NODE STORAGE NAME SHA256; the connection comes from
 * the PROXMOX_VE_* environment, as the CLI's does.
 */
public final class UploadMain {

    private UploadMain() {
    }

    public static void main(String[] args) throws Exception {
        JvmHttpSettings.apply(); // as the CLI's Main does first
        NixpveConfig config = new ConfigLoader(new HashMap<>(System.getenv())).load(Optional.empty(), List.of(),
                Path.of("."));
        try (ProxmoxClient client = new ProxmoxConnector(Clock.systemUTC(), Sleeper.system(), EventSink.discard())
                .connect(config.proxmox())) {
            long firstStarted = System.nanoTime();
            client.version();
            double first = (System.nanoTime() - firstStarted) / 1e9;
            UploadRequest request = UploadRequest.iso(Path.of(args[0]), args[3], args[4]);
            long cpuBefore = processCpuNanos();
            long started = System.nanoTime();
            String task = client.upload(args[1], args[2], request, EventSink.discard()).toString();
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpu = processCpuNanos() - cpuBefore;
            System.out.println("first=" + first);
            System.out.println("seconds=" + seconds);
            System.out.println("cpu=" + cpu / 1_000_000);
            System.out.println("heap=" + Memory.peakHeapBytes());
            System.out.println("rss=" + Memory.highWaterMarkKib(Path.of("/proc/self/status")));
            System.out.println("task=" + task);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
