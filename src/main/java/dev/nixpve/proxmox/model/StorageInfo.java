package dev.nixpve.proxmox.model;

import java.util.Set;

/** A storage as a node sees it: type, enabled content types and capacity in bytes. */
public record StorageInfo(String storage, String type, Set<String> content, boolean active, boolean enabled,
                          boolean shared, long total, long used, long available) {

    public StorageInfo {
        content = Set.copyOf(content);
    }

    public boolean supports(String contentType) {
        return content.contains(contentType);
    }

    public boolean isLvm() {
        return type.equals("lvm") || type.equals("lvmthin");
    }

    /**
     * Whether it stores VM disks as raw block devices: LVM, LVM-thin or Ceph RBD (pve-storage's
     * LVMPlugin, LvmThinPlugin, RBDPlugin), which is what the installer's partitioning and a clone's
     * disk grow are written for; directory-based storages hold qcow2 files instead.
     */
    public boolean isBlock() {
        return isLvm() || type.equals("rbd");
    }
}
