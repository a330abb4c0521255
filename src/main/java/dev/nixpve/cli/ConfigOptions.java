package dev.nixpve.cli;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.ConfigLoader;
import dev.nixpve.config.ConfigOverride;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The configuration flags every command shares; they win over the environment and the file. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: ./nixpve.yaml when it exists).")
    Path config;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Proxmox VE API endpoint, e.g. https://pve.example.lan:8006/ (env PROXMOX_VE_ENDPOINT).")
    String endpoint;

    @Option(names = "--node", paramLabel = "NODE", split = ",",
            description = "Target node (target.node). Repeat it, or separate nodes with commas, for several "
                    + "(target.nodes); 'all' for every online node.")
    List<String> nodes;

    @Option(names = "--fingerprint", paramLabel = "SHA256",
            description = "Pin the server certificate's SHA-256 fingerprint (env PROXMOX_VE_FINGERPRINT).")
    String fingerprint;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "Trust this CA, e.g. a copy of pve-root-ca.pem.")
    String caFile;

    @Option(names = "--insecure",
            description = "Do not verify the server certificate (warned on every run; env PROXMOX_VE_INSECURE).")
    Boolean insecure;

    List<ConfigOverride> overrides() {
        List<ConfigOverride> overrides = new ArrayList<>();
        add(overrides, "proxmox.endpoint", endpoint, "--endpoint");
        if (nodes != null && !nodes.isEmpty()) {
            boolean one = nodes.size() == 1 && !nodes.get(0).equals(NodeSelection.ALL_KEYWORD);
            add(overrides, one ? "target.node" : "target.nodes", String.join(",", nodes), "--node");
        }
        add(overrides, "proxmox.fingerprint", fingerprint, "--fingerprint");
        add(overrides, "proxmox.caFile", caFile, "--ca-file");
        add(overrides, "proxmox.insecure", insecure == null ? null : insecure.toString(), "--insecure");
        return overrides;
    }

    NixpveConfig load(CliContext context) throws ConfigException {
        return load(context, List.of());
    }

    /**
     * With a command's own flags on top, e.g. build-iso's --builder. The context learns the
     * configuration's secrets, so an error from here on masks them wherever they were written.
     */
    NixpveConfig load(CliContext context, List<ConfigOverride> commandFlags) throws ConfigException {
        Optional<Path> file = Optional.ofNullable(config).map(context.workingDirectory()::resolve);
        List<ConfigOverride> all = new ArrayList<>(overrides());
        all.addAll(commandFlags);
        NixpveConfig loaded = new ConfigLoader(context.environment()).load(file, all, context.workingDirectory());
        context.secrets().configured(loaded.proxmox());
        return loaded;
    }

    private static void add(List<ConfigOverride> into, String key, String value, String flag) {
        if (value != null) {
            into.add(new ConfigOverride(key, value, flag));
        }
    }
}
