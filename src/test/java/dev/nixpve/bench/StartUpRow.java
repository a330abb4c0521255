package dev.nixpve.bench;

import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Issue 17: how long the CLI takes to start, JVM included: {@code nixpve --help}, and
 * {@code nixpve pve check} against the simulator (config, TLS, a handful of API reads), each
 * against one {@code curl} of {@code /version} from the same simulator, the least a client can do.
 * Reported, no target. The token reaches curl in a header file, never its command line.
 */
final class StartUpRow implements Row {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Settings settings;
    private final PveSimulator sim;
    private final Path header;
    private final Path directory;

    StartUpRow(Settings settings) throws IOException {
        this.settings = settings;
        this.directory = Files.createTempDirectory(settings.workDirectory(), "start-up-");
        this.sim = PveSimulator.start(SimOptions.defaults().withPort(0));
        this.header = directory.resolve("authorization.header");
        Files.writeString(header, "Authorization: PVEAPIToken="
                + sim.environment().get("PROXMOX_VE_API_TOKEN") + "\n");
    }

    @Override
    public String name() {
        return "start-up";
    }

    @Override
    public String title() {
        return "start-up, JVM included: nixpve --help and nixpve pve check against curl of /version";
    }

    @Override
    public String target() {
        return "reported";
    }

    @Override
    public List<Variant> variants() {
        Map<String, String> environment = sim.environment();
        String version = environment.get("PROXMOX_VE_ENDPOINT").replaceAll("/*$", "") + "/api2/json/version";
        return List.of(
                Variant.baseline("curl /version", () -> Sample.of(Commands.timed(directory,
                        List.of("curl", "--silent", "--show-error", "--fail", "--insecure", "--header", "@" + header,
                                "--output", "/dev/null", version)))),
                new Variant("nixpve --help", Double.NaN, () -> Sample.of(settings.cli().run(directory, Map.of(),
                        TIMEOUT, List.of("--help")))),
                new Variant("nixpve pve check", Double.NaN, () -> Sample.of(settings.cli().run(directory, environment,
                        TIMEOUT, List.of("pve", "check")))));
    }

    @Override
    public void close() throws IOException {
        sim.close();
        Trees.delete(directory);
    }
}
