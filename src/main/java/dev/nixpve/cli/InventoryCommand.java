package dev.nixpve.cli;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.emit.Inventory;
import dev.nixpve.emit.InventoryBuilder;
import dev.nixpve.emit.InventoryFormat;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nixpve inventory}: an Ansible inventory of the VMs tagged nixpve, read from the cluster. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = {"Write an Ansible inventory of the VMs tagged nixpve.", "",
            "Templates are never hosts. Groups: k8s_cluster (control_plane, workers) from the role tags "
                    + "control-plane and worker, nixpve_<node>, build_<id>. Host variables: ansible_host (from the "
                    + "guest agent, else a static cloud-init address), proxmox_vmid, proxmox_node, proxmox_tags, "
                    + "node_role. A VM without an address is listed with a warning; a VM named like a group or "
                    + "like another VM gets its VMID appended."})
final class InventoryCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the inventory here (default: standard output).")
    Path out;

    @Option(names = "--format", paramLabel = "yaml|ini", defaultValue = "yaml", converter = FormatConverter.class,
            description = "yaml (default) or ini.")
    InventoryFormat format;

    InventoryCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws ConfigException, UsageException {
        NixpveConfig config = configOptions.load(context);
        config.proxmox().requireConnection();
        if (out != null) {
            UsablePaths.writableFile(context.workingDirectory().resolve(out), "--out");
        }
        EventSink events = out == null ? keepStdoutForTheInventory(new ConsoleEvents(context)) : new ConsoleEvents(context);
        ProxmoxConnector connector = new ProxmoxConnector(context.clock(), context.sleeper(), events);
        Inventory inventory;
        try (ProxmoxClient client = connector.connect(config.proxmox())) {
            inventory = new InventoryBuilder(client, events).build();
        }
        if (out == null) {
            context.out().print(format.render(inventory));
            context.out().flush();
        } else {
            Path file = context.workingDirectory().resolve(out);
            try {
                format.write(file, inventory);
            } catch (IOException e) {
                context.err().println("error: cannot write the inventory to " + file + " (" + e + "). Hint: check "
                        + "that the directory exists or can be created and is writable, or leave out --out to print it.");
                return ExitCodes.FAILURE;
            }
            int hosts = inventory.hosts().size();
            context.out().println("Wrote " + hosts + (hosts == 1 ? " host" : " hosts") + " to " + file);
        }
        return ExitCodes.OK;
    }

    /** With the inventory on stdout, information goes to stderr so a pipe gets only the inventory. */
    private EventSink keepStdoutForTheInventory(EventSink console) {
        return event -> {
            if (event instanceof LogEvent log && log.level() == LogEvent.Level.INFO) {
                context.err().println(log.message());
            } else {
                console.emit(event);
            }
        };
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<InventoryFormat> {
        @Override
        public InventoryFormat convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "yaml", "yml" -> InventoryFormat.YAML;
                case "ini" -> InventoryFormat.INI;
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not a format: use yaml "
                        + "or ini");
            };
        }
    }
}
