package dev.nixpve.sim.state;

import dev.nixpve.sim.http.PveError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * qemu-server's clone_vm (src/PVE/API2/Qemu.pm): the early checks of its $load_and_check in their
 * order, then a qmclone task on the source's node that copies or links each disk and, with
 * {@code target}, moves the new config to that node at the end. A clone may go to another node
 * only when every volume of the source, CD-ROMs included, is on shared storage
 * ($check_storage_access_clone's $sharedvm); a linked clone there is no different, its disks stay
 * beside the base on the shared storage.
 */
final class VmCloner {

    private static final Pattern NET_KEY = Pattern.compile("net(\\d+)");

    private final SimCluster cluster;
    private final DiskAllocator disks;

    VmCloner(SimCluster cluster, DiskAllocator disks) {
        this.cluster = cluster;
        this.disks = disks;
    }

    SimTask clone(String node, int vmid, VmLifecycle.CloneSpec spec, String user) {
        Optional<String> target = spec.target().filter(t -> !t.equals(node) && !t.equals("localhost"));
        target.ifPresent(this::requireMember);
        spec.storage().ifPresent(storage -> checkStorage(node, storage, target));
        cluster.requireQuorum();
        SimVm source = cluster.requireVm(node, vmid);
        source.requireUnlocked();
        boolean full = spec.full().orElse(!source.template());
        if (!full && spec.storage().isPresent()) {
            throw PveError.server("parameter 'storage' not allowed for linked clones\n");
        }
        if (target.isPresent() && !onSharedStorage(source)) {
            throw PveError.server("can't clone VM to node '" + target.get() + "' (VM uses local storage)\n");
        }
        // the config file is looked for on this node only; pmxcfs refuses a VMID used on another
        // node later, when the worker writes the file (see below)
        if (cluster.vm(spec.newid()).filter(vm -> vm.node().equals(node)).isPresent()) {
            throw PveError.server("unable to create VM " + spec.newid() + ": config file already exists\n");
        }
        if (!full) {
            requireLinkedCloneFeature(node, source);
        }
        if (cluster.vm(spec.newid()).isPresent()) {
            return refusedByPmxcfs(node, vmid, spec.newid(), user);
        }
        SimVm copy = new SimVm(spec.newid(), node, Map.of("lock", "clone"));
        cluster.add(copy);
        long bytes = source.config().entrySet().stream().filter(e -> Drive.isDriveKey(e.getKey()))
                .map(e -> Drive.parse(e.getValue())).filter(d -> !d.cdrom())
                .flatMap(d -> d.volume().flatMap(ref -> cluster.volume(node, ref)).stream())
                .mapToLong(StoredVolume::size).sum();
        Duration time = full ? Duration.ofSeconds(3).plusMillis(bytes / (400L << 20) * 1000) : Duration.ofSeconds(1);
        return cluster.tasks().start(node, "qmclone", String.valueOf(vmid), user, time,
                new CloneWork(node, source, spec, full, target));
    }

    /** PVE::Cluster::check_node_exists: a member, online or not. */
    private void requireMember(String target) {
        if (cluster.node(target).isEmpty()) {
            throw PveError.server("no such cluster node '" + target + "'\n");
        }
    }

    /** The {@code storage} checks: enabled here with images, and with a target also there, and shared. */
    private void checkStorage(String node, String storageId, Optional<String> target) {
        SimStorage storage = cluster.requireStorage(node, storageId);
        if (!storage.supports("images")) {
            throw PveError.parameter("storage", "storage '" + storageId + "' does not support vm images");
        }
        if (target.isPresent()) {
            cluster.requireStorage(target.get(), storageId);
            if (!storage.shared()) {
                throw PveError.server("can't clone to non-shared storage '" + storageId + "'\n");
            }
        }
    }

    /** $sharedvm: every volume the config names, a CD-ROM's ISO included, is on a shared storage. */
    private boolean onSharedStorage(SimVm source) {
        return source.config().entrySet().stream().filter(e -> Drive.isDriveKey(e.getKey()))
                .flatMap(e -> Drive.parse(e.getValue()).volume().stream())
                .allMatch(ref -> cluster.storageConfig().configured(ref.storage())
                        .orElseThrow(() -> PveError.server("storage '" + ref.storage() + "' does not exist\n"))
                        .shared());
    }

    /** The early check: every disk of a linked clone needs the storage's 'clone' feature. */
    private void requireLinkedCloneFeature(String node, SimVm source) {
        source.config().forEach((key, value) -> {
            if (!Drive.isDriveKey(key)) {
                return;
            }
            Drive drive = Drive.parse(value);
            if (drive.cdrom()) {
                return;
            }
            drive.volume().filter(ref -> !cluster.requireStorage(node, ref.storage()).kind().canLinkClone(ref.volname()))
                    .ifPresent(ref -> {
                        throw PveError.server("Linked clone feature is not supported for '" + ref.volid() + "' ("
                                + key + ")\n");
                    });
        });
    }

    /**
     * The VMID is taken on another node: the early checks pass (they look for the config on this
     * node), then the worker's file_set_contents fails renaming its temporary file into place,
     * since pmxcfs refuses a VMID another node's config has (pve-cluster src/pmxcfs/memdb.c
     * memdb_rename, -EEXIST; the message is pve-common's src/PVE/File.pm file_set_contents).
     */
    private SimTask refusedByPmxcfs(String node, int vmid, int newid, String user) {
        return cluster.tasks().start(node, "qmclone", String.valueOf(vmid), user, Duration.ofSeconds(1), task -> {
            task.log("creating a clone of VM " + vmid + " with ID " + newid);
            throw new TaskFailure("close (rename) atomic file '/etc/pve/nodes/" + node + "/qemu-server/" + newid
                    + ".conf' failed: File exists");
        });
    }

    /** The worker: copies or links each disk, writes the config, and moves it to the target node last. */
    private final class CloneWork implements TaskWork {

        private final String node;
        private final SimVm source;
        private final VmLifecycle.CloneSpec spec;
        private final boolean full;
        private final Optional<String> target;
        private final List<StoredVolume> made = new ArrayList<>();

        CloneWork(String node, SimVm source, VmLifecycle.CloneSpec spec, boolean full, Optional<String> target) {
            this.node = node;
            this.source = source;
            this.spec = spec;
            this.full = full;
            this.target = target;
        }

        @Override
        public void complete(SimTask task) {
            Map<String, String> config = new LinkedHashMap<>();
            long salt = cluster.timeline().now().toEpochMilli();
            source.config().forEach((key, value) -> {
                if (key.equals("template") || key.equals("lock") || key.startsWith("unused")) {
                    return;
                }
                Matcher net = NET_KEY.matcher(key);
                if (net.matches()) {
                    value = Macs.replaceMac(value, spec.newid(), Integer.parseInt(net.group(1)), salt);
                } else if (Drive.isDriveKey(key) && Drive.parse(value).isCloudInit()) {
                    Drive drive = Drive.parse(value);
                    StoredVolume volume = disks.cloudInit(node, spec.storage().orElse(drive.volume().get()
                            .storage()), spec.newid());
                    made.add(volume);
                    value = drive.withFile(volume.volid()).toString();
                } else if (Drive.isDriveKey(key) && !Drive.parse(value).cdrom()) {
                    value = cloneDisk(value, task);
                }
                config.put(key, value);
            });
            config.put("name", spec.name().orElse("Copy-of-VM-" + source.name()));
            spec.description().ifPresent(d -> config.put("description", d));
            config.put("smbios1", VmLifecycle.newUuid(config.getOrDefault("smbios1", ""), spec.newid(), salt));
            config.put("vmgenid", VmLifecycle.uuid(spec.newid(), salt + 1).toString());
            // the config is written where the worker runs and renamed into the target node's directory last
            cluster.add(new SimVm(spec.newid(), target.orElse(node), config));
        }

        private String cloneDisk(String value, SimTask task) {
            Drive drive = Drive.parse(value);
            StoredVolume base = drive.volume().flatMap(ref -> cluster.volume(node, ref)).orElse(null);
            if (base == null) {
                return value;
            }
            SimStorage storage = cluster.requireStorage(node, full ? spec.storage().orElse(base.storage())
                    : base.storage());
            // Plugin.pm's clone_image writes a qcow2 overlay; a full clone keeps the format where it can.
            String format = storage.kind().format(full ? base.format() : "qcow2");
            String volname = storage.freeDiskName(spec.newid(), format);
            if (full && !storage.hasRoomFor(base.size())) {
                throw new TaskFailure("clone failed: lvcreate 'pve/" + volname + "' error:   Volume group \"pve\" "
                        + "has insufficient free space");
            }
            String name = full ? volname : storage.kind().linkedCloneName(base.volname(), volname);
            StoredVolume volume = new StoredVolume(storage.id(), name, base.content(), format, base.size(),
                    cluster.timeline().now(), spec.newid(), full ? null : base.volname(), null);
            volume.installedBuild(base.installedBuild().orElse(null));
            storage.put(volume);
            made.add(volume);
            task.log((full ? "create full clone of drive " : "create linked clone of drive ") + base.volid());
            return drive.withFile(volume.volid()).toString();
        }

        @Override
        public void rollback(SimTask task) {
            made.forEach(v -> cluster.requireStorage(node, v.storage()).remove(v.volname()));
            cluster.remove(spec.newid());
        }
    }
}
