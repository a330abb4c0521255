package dev.nixpve.pipeline.steps;

import dev.nixpve.proxmox.model.VmConfig;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a guest's disks are linked clones of a template's base volumes, read the way PVE's own
 * {@code volume_is_base_and_used} reads it: from the clone's volume id, which names its base on
 * directory storages ({@code local:100/base-100-disk-0.raw/101/vm-101-disk-0.qcow2}), ZFS and Ceph
 * ({@code base-100-disk-0/vm-101-disk-0}). An LVM-thin clone ({@code vm-101-disk-0}) names
 * nothing and PVE shows its origin nowhere, so there only the build tag tells; plain LVM makes no
 * base volumes, hence no linked clones.
 */
final class LinkedClones {

    private static final Pattern DISK_KEY = Pattern.compile("(ide|sata|scsi|virtio)\\d+|efidisk0|tpmstate0|unused\\d+");

    private final Set<String> baseVolumes;

    /** The template's base volumes ({@code STORAGE:...base-VMID-...}), the only ones a clone can name. */
    LinkedClones(VmConfig template) {
        this.baseVolumes = volumes(template).stream()
                .filter(volid -> volid.substring(volid.lastIndexOf('/') + 1).matches("(.*:)?base-\\d+-.*"))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True when one of the guest's disks is backed by one of the template's base volumes. */
    boolean isCloneIn(VmConfig guest) {
        return volumes(guest).stream().anyMatch(volid -> baseVolumes.stream().anyMatch(b -> volid.startsWith(b + "/")));
    }

    /** True when one of the base volumes is on one of {@code storages}. */
    boolean baseOnAny(Set<String> storages) {
        return baseVolumes.stream().anyMatch(volid -> storages.contains(volid.substring(0, volid.indexOf(':'))));
    }

    private static Set<String> volumes(VmConfig config) {
        return config.values().entrySet().stream()
                .filter(e -> DISK_KEY.matcher(e.getKey()).matches())
                .map(e -> e.getValue().split(",", 2)[0])
                .filter(file -> file.indexOf(':') > 0)
                .collect(Collectors.toSet());
    }
}
