package dev.nixpve.sim.state;

import java.util.Locale;

/** MAC addresses as PVE generates them: its own prefix BC:24:11, the rest derived per VM and NIC. */
final class Macs {

    private Macs() {
    }

    static String generate(int vmid, int nic, long salt) {
        long bits = (vmid * 0x9E3779B97F4A7C15L) ^ (nic * 0xC2B2AE3D27D4EB4FL) ^ salt;
        return String.format(Locale.ROOT, "BC:24:11:%02X:%02X:%02X", (bits >>> 16) & 0xFF, (bits >>> 8) & 0xFF,
                bits & 0xFF);
    }

    /** {@code virtio,bridge=vmbr0} → {@code virtio=BC:24:11:..,bridge=vmbr0}; a given MAC is kept. */
    static String withMac(String net, int vmid, int nic, long salt) {
        String[] parts = net.split(",", 2);
        String model = parts[0].startsWith("model=") ? parts[0].substring(6) : parts[0];
        if (model.contains("=")) {
            return net;
        }
        String rest = parts.length > 1 ? "," + parts[1] : "";
        return model + "=" + generate(vmid, nic, salt) + rest;
    }

    static String replaceMac(String net, int vmid, int nic, long salt) {
        String[] parts = net.split(",", 2);
        int eq = parts[0].indexOf('=');
        String model = eq < 0 ? parts[0] : parts[0].substring(0, eq);
        return withMac(model + (parts.length > 1 ? "," + parts[1] : ""), vmid, nic, salt);
    }
}
