package dev.nixpve.nix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The only way configuration values reach Nix: rendered as {@value #FILE_NAME} into the build
 * tree and read there with {@code builtins.fromJSON}, so no value is ever spliced into Nix source.
 * Everything here shapes the image and so feeds the build id. {@code nfs} is null when no NFS
 * mount is configured. Format version {@value #FORMAT_VERSION}; nix-templates/README.md documents
 * each field for the Nix side.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImageData(int formatVersion, String name, String nixpkgsBranch, String stateVersion, String hostname,
                        String timezone, String locale, String keymap, String profile, List<String> packages,
                        long swapMiB, String firmware, Disk disk, List<User> users, Nfs nfs, Installer installer) {

    public static final String FILE_NAME = "nixpve-config.json";
    public static final int FORMAT_VERSION = 1;

    public ImageData {
        packages = List.copyOf(packages);
        users = List.copyOf(users);
    }

    /** The disk the installer writes: bus (scsi|virtio), device (/dev/sda|/dev/vda), the least size it accepts. */
    public record Disk(String bus, String device, long minBytes) {
    }

    public record User(String name, List<String> sshKeys) {
        public User {
            sshKeys = List.copyOf(sshKeys);
        }
    }

    /** Mount options as configured; the Nix side always adds nosuid, nodev, _netdev, nofail, x-systemd.automount. */
    public record Nfs(String server, String export, String mountPoint, List<String> options) {
        public Nfs {
            options = List.copyOf(options);
        }
    }

    /**
     * What the install script needs besides the token: where it writes progress (one definition:
     * {@code monitor.InstallProgress.PATH}), how long it keeps {@code done}/{@code failed} readable
     * before powering off, and the phases in order.
     */
    public record Installer(String progressPath, int doneHoldSeconds, int failedHoldSeconds, List<String> phases) {
        public Installer {
            phases = List.copyOf(phases);
        }
    }
}
