package dev.nixpve.config;

import java.util.List;

/**
 * An NFS export the installed system mounts on first access ({@code x-systemd.automount},
 * {@code _netdev}, {@code nofail} are always added, so a clone boots while the NAS is down), never
 * trusting the NAS with root ({@code nosuid}, {@code nodev} are always added too).
 */
public record NfsMount(String server, String export, String mountPoint, List<String> options) {

    public NfsMount {
        options = List.copyOf(options);
    }
}
