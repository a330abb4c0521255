package dev.nixpve.cli;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ProxmoxConnector;

/**
 * What a command that talks to Proxmox VE starts from: its configuration, loaded and checked for a
 * connection, and a client connected with it; closing it closes the client.
 */
record PveSession(NixpveConfig config, ProxmoxClient client) implements AutoCloseable {

    static PveSession open(CliContext context, ConfigOptions options, EventSink events) throws Exception {
        return open(context, options, events, config -> { });
    }

    /** With the command's own checks of its flags, done after the configuration is read and before connecting. */
    static PveSession open(CliContext context, ConfigOptions options, EventSink events, Precondition before)
            throws Exception {
        NixpveConfig config = options.load(context);
        config.proxmox().requireConnection();
        before.check(config);
        return new PveSession(config, new ProxmoxConnector(context.clock(), context.sleeper(), events)
                .connect(config.proxmox()));
    }

    /** A check of a command's flags against the configuration, e.g. that its state directory can be written. */
    interface Precondition {
        void check(NixpveConfig config) throws UsageException;
    }

    @Override
    public void close() {
        client.close();
    }
}
