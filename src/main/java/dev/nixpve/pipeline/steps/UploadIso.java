package dev.nixpve.pipeline.steps;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.MeasuredEvent;
import dev.nixpve.event.StepId;
import dev.nixpve.journal.Resource;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.ResourceRef;
import dev.nixpve.proxmox.model.StorageVolume;
import dev.nixpve.proxmox.TaskWaiter;
import dev.nixpve.proxmox.model.UploadRequest;
import dev.nixpve.proxmox.model.Upid;
import java.time.Duration;
import java.util.Optional;

/**
 * Puts the installer ISO on the ISO storage. PVE verifies the sha256 in its import task and only
 * then moves the file into place, so a volume of this name and size is a whole, verified ISO: a
 * cache for the next run of this build, not debris. Retention (retention.isos) removes old ones.
 * An upload cut off (a reset connection, a passing 500) is sent again from the start with the same
 * sha256, unless the whole ISO is on the storage by then.
 */
public final class UploadIso implements Step<String> {

    /** Copying a large ISO into place can take a while on slow storage. */
    public static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(30);
    static final String LABEL = "ISO";

    /** Which ISO goes where: the image of {@code imageName}'s build onto {@code storage} of {@code node}. */
    public record Target(String node, String storage, InstallerImage image, String imageName) {
    }

    private final ProxmoxClient client;
    private final TaskWaiter waiter;
    private final EventSink events;
    private final Retries retries;
    private final Journal journal;
    private final String node;
    private final String storage;
    private final InstallerImage image;
    private final String imageName;

    public UploadIso(ProxmoxClient client, TaskWaiter waiter, EventSink events, Retries retries, Journal journal,
                     Target target) {
        this.client = client;
        this.waiter = waiter;
        this.events = events;
        this.retries = retries;
        this.journal = journal;
        this.node = target.node();
        this.storage = target.storage();
        this.image = target.image();
        this.imageName = target.imageName();
    }

    /** The volume of this build's ISO if it is on the storage whole (same name and size). */
    public static Optional<String> existing(ProxmoxClient client, String node, String storage, InstallerImage image,
                                            String imageName) {
        String name = "iso/" + image.storageFileName(imageName);
        return client.storageContent(node, storage, Optional.of("iso")).stream()
                .filter(v -> v.volumeName().equals(name) && v.size() == image.size())
                .map(StorageVolume::volid).findFirst();
    }

    public static String volid(String storage, InstallerImage image, String imageName) {
        return storage + ":iso/" + image.storageFileName(imageName);
    }

    @Override
    public StepId id() {
        return StepId.UPLOAD;
    }

    @Override
    public String run() {
        String filename = image.storageFileName(imageName);
        Resource.Volume volume = new Resource.Volume(node, storage, volid(storage, image, imageName));
        journal.intent(volume, LABEL + " of " + image.size() + " bytes");
        retries.write("upload " + filename + " to " + storage + " on " + node, () -> {
            Upid upid = client.upload(node, storage, UploadRequest.iso(image.file(), filename, image.sha256()), events);
            waiter.await(upid, IMPORT_TIMEOUT, Vms.POLL, ResourceRef.storage(node, storage));
        }, () -> existing(client, node, storage, image, imageName).isPresent());
        events.emit(new MeasuredEvent(MeasuredEvent.Measure.UPLOAD_BYTES, image.size()));
        journal.created(volume, LABEL, () -> { }, Optional.empty());
        journal.commit(volume);
        return volume.volid();
    }

    @Override
    public String summary(String volid) {
        return volid + " (sha256 verified by PVE)";
    }
}
