package dev.nixpve.sim.api;

import java.util.List;

/**
 * The disk formats a storage type allows, sorted, as its pve-storage plugin's plugindata says
 * (DirPlugin.pm, NFSPlugin.pm, CIFSPlugin.pm, LVMPlugin.pm, ZFSPoolPlugin.pm); a plugin without
 * a format entry (LvmThinPlugin.pm, RBDPlugin.pm) allows raw alone (Plugin.pm get_formats). The
 * default is raw for all of them.
 */
final class StorageFormats {

    private StorageFormats() {
    }

    static List<String> supported(String type) {
        return switch (type) {
            case "dir" -> List.of("qcow2", "raw", "subvol", "vmdk");
            case "nfs", "cifs" -> List.of("qcow2", "raw", "vmdk");
            case "lvm" -> List.of("qcow2", "raw");
            case "zfspool" -> List.of("raw", "subvol");
            default -> List.of("raw");
        };
    }
}
