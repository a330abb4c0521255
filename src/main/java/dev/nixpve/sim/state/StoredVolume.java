package dev.nixpve.sim.state;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One volume on a storage: an ISO (with its bytes in the simulator's work directory) or a VM disk.
 * A disk remembers which build was installed onto it, so a clone of the template boots that system.
 */
public final class StoredVolume {

    private final String storage;
    private final String volname;
    private final String content;
    private final String format;
    private final long size;
    private final Instant created;
    private final Integer vmid;
    private final String parent;
    private final Path file;
    private String installedBuild;

    public StoredVolume(String storage, String volname, String content, String format, long size, Instant created,
                        Integer vmid, String parent, Path file) {
        this.storage = storage;
        this.volname = volname;
        this.content = content;
        this.format = format;
        this.size = size;
        this.created = created;
        this.vmid = vmid;
        this.parent = parent;
        this.file = file;
    }

    public String volid() {
        return storage + ":" + volname;
    }

    public String storage() {
        return storage;
    }

    public String volname() {
        return volname;
    }

    public String content() {
        return content;
    }

    public String format() {
        return format;
    }

    public long size() {
        return size;
    }

    public Instant created() {
        return created;
    }

    public Optional<Integer> vmid() {
        return Optional.ofNullable(vmid);
    }

    /** For a linked clone's disk, the base volume it was cloned from ({@code base-100-disk-0}). */
    public Optional<String> parent() {
        return Optional.ofNullable(parent);
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public Optional<String> installedBuild() {
        return Optional.ofNullable(installedBuild);
    }

    public void installedBuild(String buildToken) {
        this.installedBuild = buildToken;
    }

    /** The same data under another name, as a template conversion or a clone makes it. */
    public StoredVolume copyAs(String newVolname, Integer newVmid, String newParent, Instant at) {
        StoredVolume copy = new StoredVolume(storage, newVolname, content, format, size, at, newVmid, newParent, file);
        copy.installedBuild = installedBuild;
        return copy;
    }
}
