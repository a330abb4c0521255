package dev.nixpve.cli;

import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.sim.PveSimulator;
import dev.nixpve.sim.SimOptions;
import dev.nixpve.sim.api.SimVersion;
import dev.nixpve.sim.fault.Fault;
import dev.nixpve.sim.guest.StandInIso;
import dev.nixpve.sim.state.SharedStorageSpec;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nixpve sim}: runs the Proxmox VE simulator until interrupted, after printing how to reach it. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run the built-in Proxmox VE simulator on 127.0.0.1 until interrupted (Ctrl-C).",
                "It first prints three export lines: eval them, then any nixpve command (or the bpg Terraform "
                        + "provider, or curl -k) talks to it."},
        footer = {"", "Faults: " + Fault.USAGE,
                "http-500 without a count fails every matching request; upload-reset and upload-answer-lost default "
                        + "to 1; node-offline's "
                        + Fault.NODE_OFFLINE_WHEN + "."})
final class SimCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8006", description = "TCP port (default: 8006; 0 picks a free one).")
    int port;

    @Option(names = "--nodes", paramLabel = "NODES", split = ",", defaultValue = "pve1,pve2",
            description = "Cluster node names (default: pve1,pve2).")
    List<String> nodes;

    @Option(names = "--shared-storage", paramLabel = "ID:TYPE:CONTENT[:NODES]",
            description = "A storage all nodes (or the NODES listed, comma-separated) share, with one content "
                    + "(repeatable; default: none). TYPE is nfs, rbd, dir or lvm, CONTENT a comma list, e.g. "
                    + "nfs:nfs:iso,images or san:lvm:images:pve1,pve2.")
    List<String> sharedStorages = new ArrayList<>();

    @Option(names = "--install-seconds", paramLabel = "N", defaultValue = "60",
            description = "How long a simulated unattended install takes (default: 60).")
    int installSeconds;

    @Option(names = "--fault", paramLabel = "SPEC", description = "Inject a fault (repeatable), see below.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--pve-version", paramLabel = "VERSION", defaultValue = "9.1",
            description = "The PVE release to play: 9.1 or 8.4 (default: 9.1).")
    String pveVersion;

    @Option(names = "--write-iso", paramLabel = "FILE",
            description = "Write a stand-in installer ISO to FILE and exit instead of serving: it carries a fresh "
                    + "build token, and only the simulator can install it. For trying build-and-deploy-template "
                    + "--iso FILE without Nix.")
    Path writeIso;

    SimCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (writeIso != null) {
            Path file = context.workingDirectory().resolve(writeIso);
            UsablePaths.writableFile(file, "--write-iso");
            return writeStandInIso(file);
        }
        SimOptions options = options();
        CountDownLatch stopped = new CountDownLatch(1);
        PveSimulator started;
        try {
            started = PveSimulator.start(options);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (java.net.BindException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "option --port: port " + port + " on "
                    + "127.0.0.1 is in use (" + e.getMessage() + "). Hint: pick another with --port, or --port 0 for "
                    + "any free one.");
        }
        // Ctrl-C and SIGTERM end the JVM while it waits below: the simulator is closed (its work
        // directory under the temp directory deleted) on the way out, not left behind.
        Thread closeOnExit = new Thread(started::close, "nixpve-sim-close");
        Runtime.getRuntime().addShutdownHook(closeOnExit);
        try (PveSimulator simulator = started) {
            simulator.exportLines().forEach(context.out()::println);
            context.out().flush();
            context.err().println("# Proxmox VE " + options.version().release() + " simulator on "
                    + simulator.endpoint() + ", nodes " + String.join(",", options.nodes()) + sharedList(options)
                    + "; Ctrl-C stops it.");
            context.err().flush();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs, or ran: the simulator is closed either way
            }
        }
        return ExitCodes.OK;
    }

    /**
     * The flags as simulator options; a value the simulator refuses is a usage error naming its flag
     * (the simulator's own messages, "the install time must be positive", name none).
     */
    private SimOptions options() {
        if (port < 0 || port > 65535) {
            throw usage("--port", port + " is not a TCP port", "give 1 to 65535, or 0 for any free one");
        }
        if (installSeconds < 1) {
            throw usage("--install-seconds", installSeconds + " is not a positive number of seconds",
                    "give 1 or more, e.g. 60");
        }
        List<Fault> parsed = new ArrayList<>();
        for (String fault : faults) {
            parsed.add(flag("--fault", () -> dev.nixpve.sim.fault.Faults.parseOne(fault), "see the faults listed "
                    + "at the end of 'nixpve sim --help'"));
        }
        requireDistinct(nodes);
        SimOptions nodeOptions = flag("--nodes", () -> SimOptions.defaults().withNodes(nodes),
                "name nodes as PVE does (letters, digits and '-'), e.g. --nodes pve1,pve2");
        List<SharedStorageSpec> shared = new ArrayList<>();
        for (String storage : sharedStorages) {
            shared.add(flag("--shared-storage", () -> SharedStorageSpec.parse(storage),
                    "write ID:TYPE:CONTENT[:NODES], e.g. nfs:nfs:iso,images"));
        }
        SimOptions withStorages = flag("--shared-storage", () -> nodeOptions.withSharedStorages(shared),
                "name only nodes given with --nodes, and each storage id once");
        SimVersion version = flag("--pve-version", () -> SimVersion.parse(pveVersion), "give 9.1 or 8.4");
        SimOptions options = withStorages.withPort(port).withInstallTime(Duration.ofSeconds(installSeconds))
                .withFaults(faults).withVersion(version).withClock(context.clock())
                .withLog(message -> {
                    if (context.verbose().get()) {
                        context.err().println("sim: " + message);
                    }
                });
        requireKnown(parsed, options);
        return options;
    }

    private <T> T flag(String flag, java.util.function.Supplier<T> read, String hint) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw usage(flag, e.getMessage(), hint);
        }
    }

    private CommandLine.ParameterException usage(String flag, String problem, String hint) {
        return new CommandLine.ParameterException(spec.commandLine(), "option " + flag + ": " + problem + ". Hint: "
                + hint + ".");
    }

    private void requireDistinct(List<String> nodes) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String node : nodes) {
            if (!seen.add(node)) {
                throw usage("--nodes", "node '" + node + "' is listed twice", "list each node once, e.g. --nodes "
                        + "pve1,pve2");
            }
        }
    }

    /** A fault about a node or storage the cluster does not have would never strike: a typo, said before serving. */
    private void requireKnown(List<Fault> faults, SimOptions options) {
        List<String> storages = new ArrayList<>(List.of("local", "local-lvm"));
        options.sharedStorages().forEach(s -> storages.add(s.id()));
        for (Fault fault : faults) {
            if (fault instanceof Fault.NodeOffline offline && !options.nodes().contains(offline.node())) {
                throw usage("--fault", "node-offline names node '" + offline.node() + "', which is not one of "
                        + "the simulator's nodes (" + String.join(",", options.nodes()) + ")", "name one of them, "
                        + "or add it with --nodes");
            }
            if (fault instanceof Fault.StorageFull full && !storages.contains(full.storage())) {
                throw usage("--fault", "storage-full names storage '" + full.storage() + "', which the simulator "
                        + "does not have (" + String.join(",", storages) + ")", "name one of them, or add a shared "
                        + "one with --shared-storage");
            }
        }
    }

    private static String sharedList(SimOptions options) {
        return options.sharedStorages().isEmpty() ? "" : ", shared storages " + String.join(",",
                options.sharedStorages().stream().map(s -> s.id() + " (" + s.type() + ")").toList());
    }

    private int writeStandInIso(Path file) throws java.io.IOException {
        byte[] random = new byte[BuildIdentity.TOKEN_LENGTH / 2];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        StandInIso.write(file, token, BuildIdentity.volumeIdFor(token));
        context.out().println("Wrote a stand-in installer ISO (build token " + token + ") to " + file);
        context.out().println("It installs only in the simulator: build-and-deploy-template --iso " + file);
        context.out().flush();
        return ExitCodes.OK;
    }
}
