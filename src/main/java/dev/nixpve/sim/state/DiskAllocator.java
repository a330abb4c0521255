package dev.nixpve.sim.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns {@code STORAGE:SIZE} drive values into allocated volumes inside a task, as PVE's
 * {@code create_disks} does, failing the way lvcreate does when the thin pool is full, and the
 * way volume activation does when an existing volume (an ISO) is missing.
 */
final class DiskAllocator {

    private final SimCluster cluster;

    DiskAllocator(SimCluster cluster) {
        this.cluster = cluster;
    }

    /** Allocates every new disk in {@code config}, rewriting the values; returns the volumes made. */
    List<StoredVolume> allocate(String node, int vmid, Map<String, String> config, Consumer<String> log) {
        List<StoredVolume> made = new ArrayList<>();
        for (Map.Entry<String, String> entry : config.entrySet()) {
            if (!Drive.isDriveKey(entry.getKey())) {
                continue;
            }
            Drive drive = Drive.parse(entry.getValue());
            if (drive.newCloudInit().isPresent()) {
                StoredVolume volume = cloudInit(node, drive.newCloudInit().get(), vmid);
                made.add(volume);
                log.accept("  Logical volume \"" + volume.volname() + "\" created.");
                entry.setValue(drive.withFile(volume.volid()).with("media", "cdrom").toString());
                continue;
            }
            var newDisk = drive.newDisk();
            if (newDisk.isEmpty()) {
                drive.volume().filter(ref -> !drive.isCloudInit()).ifPresent(ref -> requireExisting(node, vmid, ref, made));
                continue;
            }
            SimStorage storage = cluster.requireStorage(node, newDisk.get().storage());
            String format = storage.kind().format(drive.options().getOrDefault("format", "raw"));
            String volname = storage.freeDiskName(vmid, format);
            if (!storage.hasRoomFor(newDisk.get().bytes())) {
                made.forEach(v -> cluster.requireStorage(node, v.storage()).remove(v.volname()));
                throw new TaskFailure("unable to create VM " + vmid + " - lvcreate 'pve/" + volname + "' error:   "
                        + "Volume group \"pve\" has insufficient free space");
            }
            StoredVolume volume = new StoredVolume(storage.id(), volname, "images", format, newDisk.get().bytes(),
                    cluster.timeline().now(), vmid, null, null);
            storage.put(volume);
            made.add(volume);
            log.accept("  Logical volume \"" + volname + "\" created.");
            entry.setValue(drive.withFile(volume.volid()).with("size", size(newDisk.get().bytes())).toString());
        }
        return made;
    }

    /** An existing volume is activated in the task, so only there does a missing one fail (the dir plugin's check). */
    private void requireExisting(String node, int vmid, Drive.VolumeRef ref, List<StoredVolume> made) {
        if (cluster.requireStorage(node, ref.storage()).volume(ref.volname()).isEmpty()) {
            made.forEach(v -> cluster.requireStorage(node, v.storage()).remove(v.volname()));
            throw new TaskFailure("unable to create VM " + vmid + " - volume '" + ref.volid() + "' does not exist");
        }
    }

    /** PVE's cloud-init drive: a 4 MiB volume named vm-VMID-cloudinit, attached as a cdrom. */
    StoredVolume cloudInit(String node, String storageId, int vmid) {
        SimStorage storage = cluster.requireStorage(node, storageId);
        String volname = "vm-" + vmid + "-cloudinit";
        if (storage.volume(volname).isPresent()) {
            throw new TaskFailure("lvcreate 'pve/" + volname + "' error:   Logical Volume \"" + volname
                    + "\" already exists in volume group \"pve\"");
        }
        StoredVolume volume = new StoredVolume(storage.id(), volname, "images", "raw", 4L << 20,
                cluster.timeline().now(), vmid, null, null);
        storage.put(volume);
        return volume;
    }

    static String size(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "G";
        }
        return String.format(Locale.ROOT, "%dM", bytes >> 20);
    }
}
