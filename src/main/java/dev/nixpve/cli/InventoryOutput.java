package dev.nixpve.cli;

import dev.nixpve.event.EventSink;
import dev.nixpve.proxmox.ProxmoxClient;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Writes OUT/inventory.yaml from the cluster's nixpve clones (emit's inventory builder). */
final class InventoryOutput {

    void write(ProxmoxClient client, Path outDir, EventSink events, PrintWriter out) {
        // wired to the emit inventory builder when it lands
    }
}
