package dev.nixpve.sim.state;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a storage type names disks and what it can do with them, after pve-storage's plugins:
 * {@code Plugin.pm} (directory: {@code VMID/NAME.FMT}, a linked clone names its backing file; NFSPlugin.pm
 * inherits it all, only mounting the directory first), {@code LVMPlugin.pm} (no template or clone
 * feature), {@code LvmThinPlugin.pm} (base volumes, thin snapshots whose origin only LVM knows) and
 * {@code RBDPlugin.pm} (raw images; a linked clone is named {@code BASE/NAME} and listed with its
 * parent snapshot {@code BASE@__base__}).
 */
public enum StorageKind {
    DIR, LVM, LVMTHIN, RBD;

    /** The name's last part, as the plugins' get_next_vm_diskname reads it. */
    private static final Pattern DISK = Pattern.compile("(?:.*/)?(vm|base)-(\\d+)-disk-(\\d+)(?:\\.\\w+)?");
    /** Plugin.pm's parse_volname for a linked clone: BASEVMID/BASENAME/VMID/NAME. */
    private static final Pattern LINKED = Pattern.compile("(\\d+/[^/]+)/\\d+/[^/]+");
    /** RBDPlugin.pm's parse_volname for a linked clone: BASENAME/NAME. */
    private static final Pattern RBD_LINKED = Pattern.compile("(base-\\d+-[^/]+)/[^/]+");

    public static StorageKind of(String type) {
        return switch (type) {
            case "dir", "nfs" -> DIR;
            case "lvm" -> LVM;
            case "lvmthin" -> LVMTHIN;
            case "rbd" -> RBD;
            default -> throw new IllegalArgumentException("storage type '" + type + "' is not simulated");
        };
    }

    /** Disk number N of a VM in this storage's naming. */
    String diskName(int vmid, int n, String format) {
        String name = "vm-" + vmid + "-disk-" + n;
        return this == DIR ? vmid + "/" + name + "." + format : name;
    }

    /** A new disk's format: a directory takes what was asked, block storages hold raw only. */
    String format(String requested) {
        return this == DIR ? requested : "raw";
    }

    /** The disk number a volume name holds for {@code vmid}, if it is one of that VM's disks. */
    static Optional<Integer> diskNumber(String volname, int vmid) {
        Matcher disk = DISK.matcher(volname);
        return disk.matches() && Integer.parseInt(disk.group(2)) == vmid
                ? Optional.of(Integer.parseInt(disk.group(3))) : Optional.empty();
    }

    /** The VM a disk's name says owns it (a linked clone's own VM, not its base's). */
    static Optional<Integer> owner(String volname) {
        Matcher disk = DISK.matcher(volname);
        return disk.matches() ? Optional.of(Integer.parseInt(disk.group(2))) : Optional.empty();
    }

    static boolean isBase(String volname) {
        Matcher disk = DISK.matcher(volname);
        return disk.matches() && disk.group(1).equals("base");
    }

    /** volume_has_feature 'template' on a current volume: LVMPlugin has none. */
    boolean canTemplate() {
        return this != LVM;
    }

    /** volume_has_feature 'clone': only from a base volume, and never on plain LVM. */
    boolean canLinkClone(String volname) {
        return this != LVM && isBase(volname);
    }

    /** create_base: the last part's {@code vm-} becomes {@code base-}. */
    String baseName(String volname) {
        int slash = volname.lastIndexOf('/');
        return volname.substring(0, slash + 1) + volname.substring(slash + 1).replaceFirst("^vm-", "base-");
    }

    /**
     * clone_image: a directory writes a qcow2 file backed by the base and says so in the volume
     * name, as RBD's {@code rbd clone} does ({@code "$basename/$name"}); LVM-thin makes a snapshot
     * whose name says nothing about its origin.
     */
    String linkedCloneName(String baseVolname, String freeName) {
        return this == DIR || this == RBD ? baseVolname + "/" + freeName : freeName;
    }

    /**
     * The base volume a name says it is backed by: only directory and RBD names say it, which is
     * all Storage.pm's volume_is_base_and_used can go by.
     */
    Optional<String> namedBase(String volname) {
        Matcher linked = (this == RBD ? RBD_LINKED : LINKED).matcher(volname);
        return (this == DIR || this == RBD) && linked.matches() ? Optional.of(linked.group(1)) : Optional.empty();
    }

    /**
     * list_images' {@code parent}: qemu-img's relative backing file on a directory, the protected
     * snapshot clone_image cloned from on RBD ({@code rbd ls -l}'s parent), absent on LVM.
     */
    Optional<String> listedParent(String volname) {
        return namedBase(volname).map(base -> this == RBD ? base + "@__base__" : "../" + base);
    }

    /** Thin kinds share a linked clone's blocks with its base, so the clone costs next to nothing. */
    boolean thinClones() {
        return this == LVMTHIN || this == RBD;
    }
}
