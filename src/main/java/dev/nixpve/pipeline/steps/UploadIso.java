package dev.nixpve.pipeline.steps;

import dev.nixpve.event.EventSink;
import dev.nixpve.pipeline.InstallerImage;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.ResourceRef;
import dev.nixpve.proxmox.StorageVolume;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.UploadRequest;
import dev.nixpve.proxmox.Upid;
import java.time.Duration;
import java.util.Optional;

/**
 * Puts the installer ISO on the ISO storage, unless a file of this build with the same size is
 * already there. PVE verifies the sha256 in its import task; a mismatch fails the task.
 */
public final class UploadIso {

    /** Result: the volume id, and whether this run uploaded it. */
    public record Result(String volid, boolean uploaded) {
    }

    /** Copying a large ISO into place can take a while on slow storage. */
    static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(30);

    private final ProxmoxClient client;
    private final TaskWaiter waiter;
    private final EventSink events;

    public UploadIso(ProxmoxClient client, TaskWaiter waiter, EventSink events) {
        this.client = client;
        this.waiter = waiter;
        this.events = events;
    }

    public Optional<String> existing(String node, String storage, InstallerImage image, String templateName) {
        String name = "iso/" + image.storageFileName(templateName);
        return client.storageContent(node, storage, Optional.of("iso")).stream()
                .filter(v -> v.volumeName().equals(name) && v.size() == image.size())
                .map(StorageVolume::volid).findFirst();
    }

    public Result upload(String node, String storage, InstallerImage image, String templateName) {
        String filename = image.storageFileName(templateName);
        Upid upid = client.upload(node, storage, UploadRequest.iso(image.file(), filename, image.sha256()), events);
        waiter.await(upid, IMPORT_TIMEOUT, Vms.POLL, ResourceRef.storage(node, storage));
        return new Result(storage + ":iso/" + filename, true);
    }
}
