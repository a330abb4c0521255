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
        NixpveConfig config = options.load(context);
        config.proxmox().requireConnection();
        return new PveSession(config, new ProxmoxConnector(context.clock(), context.sleeper(), events)
                .connect(config.proxmox()));
    }

    @Override
    public void close() {
        client.close();
    }
}
