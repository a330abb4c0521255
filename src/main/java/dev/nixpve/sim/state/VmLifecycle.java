package dev.nixpve.sim.state;

import dev.nixpve.sim.http.PveError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Create, reconfigure, convert to template, clone and destroy VMs with PVE's early checks (500s
 * before any task), config locks held while the task runs, and rollback when the task fails.
 */
public final class VmLifecycle {

    /** Create parameters that steer the call but are not written to the config. */
    private static final Set<String> NOT_CONFIG = Set.of("vmid", "node", "start", "storage", "pool", "unique",
            "archive", "force", "live-restore", "import-working-storage", "skiplock", "digest", "delete", "revert",
            "background_delay");
    private static final Pattern NET_KEY = Pattern.compile("net(\\d+)");
    private static final Pattern BOOT_ORDER = Pattern.compile("order=([^,]*)");

    private final SimCluster cluster;
    private final DiskAllocator disks;
    private final PowerControl power;
    private final VmCloner cloner;

    public VmLifecycle(SimCluster cluster, PowerControl power) {
        this.cluster = cluster;
        this.disks = new DiskAllocator(cluster);
        this.power = power;
        this.cloner = new VmCloner(cluster, disks);
    }

    public SimTask create(String node, int vmid, Map<String, String> params, String user) {
        cluster.requireQuorum();
        cluster.vm(vmid).ifPresent(existing -> {
            throw PveError.server("unable to create VM " + vmid + " - VM " + vmid + " already exists on node '"
                    + existing.node() + "'\n");
        });
        Map<String, String> config = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (!NOT_CONFIG.contains(key)) {
                config.put(key.equals("cdrom") ? "ide2" : key, key.equals("cdrom") ? value + ",media=cdrom" : value);
            }
        });
        checkStorageAccess(node, config);
        long salt = cluster.timeline().now().toEpochMilli();
        config.replaceAll((key, value) -> {
            Matcher net = NET_KEY.matcher(key);
            return net.matches() ? Macs.withMac(value, vmid, Integer.parseInt(net.group(1)), salt) : value;
        });
        config.computeIfPresent("tags", (key, tags) -> GuestTags.unique(tags));
        config.putIfAbsent("boot", defaultBoot(config));
        config.putIfAbsent("smbios1", "uuid=" + uuid(vmid, salt));
        config.putIfAbsent("vmgenid", uuid(vmid, salt + 1).toString());
        config.put("meta", "creation-qemu=9.2.0,ctime=" + cluster.timeline().now().getEpochSecond());
        // create_and_lock_config writes a config of only its lock before the task; the task's last
        // act writes the real one (qemu-server PVE/API2/Qemu.pm create_vm), so a client that reads
        // the VM while it is made sees no name, tags or disks yet.
        SimVm vm = new SimVm(vmid, node, new LinkedHashMap<>(Map.of("lock", "create")));
        cluster.add(vm);
        boolean start = "1".equals(params.get("start"));
        return cluster.tasks().start(node, "qmcreate", String.valueOf(vmid), user, Duration.ofSeconds(2),
                new TaskWork() {
                    private List<StoredVolume> made = List.of();

                    @Override
                    public void complete(SimTask task) {
                        made = disks.allocate(node, vmid, config, task::log);
                        vm.config().clear();
                        vm.config().putAll(config);
                        if (start) {
                            power.start(node, vmid, user);
                        }
                    }

                    @Override
                    public void rollback(SimTask task) {
                        made.forEach(v -> cluster.requireStorage(node, v.storage()).remove(v.volname()));
                        cluster.remove(vmid);
                    }
                });
    }

    /**
     * POST (async, a qmconfig task) or PUT (sync) on the config. Early checks: digest, lock, and
     * a key both set and deleted; the change itself happens in the task, as on PVE.
     */
    /**
     * {@code permitted} runs where qemu-server checks drive, serial and NIC permissions, against the
     * config under the lock: a refusal is the call's 403 when synchronous, the task's failure when not.
     */
    public Optional<SimTask> updateConfig(String node, int vmid, Map<String, String> set, List<String> delete,
                                          Optional<String> digest, boolean skiplock, boolean async, String user,
                                          Consumer<Map<String, String>> permitted) {
        SimVm vm = cluster.requireVm(node, vmid);
        for (String key : delete) {
            if (set.containsKey(key)) {
                throw PveError.parameter("delete", "you can't use '-" + key + "' and -delete " + key
                        + "' at the same time\n");
            }
        }
        checkDigestAndLock(vm, digest, skiplock);
        Map<String, String> changes = new LinkedHashMap<>();
        set.forEach((key, value) -> {
            if (!NOT_CONFIG.contains(key)) {
                changes.put(key.equals("cdrom") ? "ide2" : key, key.equals("cdrom") ? value + ",media=cdrom" : value);
            }
        });
        checkStorageAccess(node, changes);
        if (!async) {
            permitted.accept(vm.config());
            cluster.configReadOnly(node, vmid).ifPresent(why -> {
                throw PveError.server(why);
            });
            apply(vm, changes, delete, null);
            return Optional.empty();
        }
        return Optional.of(cluster.tasks().start(node, "qmconfig", String.valueOf(vmid), user,
                Duration.ofMillis(500), task -> {
                    checkDigestAndLock(vm, digest, skiplock);
                    try {
                        permitted.accept(vm.config());
                    } catch (PveError refused) {
                        throw new TaskFailure(refused.getMessage());
                    }
                    failIfReadOnly(node, vmid);
                    apply(vm, changes, delete, task);
                }));
    }

    public SimTask template(String node, int vmid, String user) {
        SimVm vm = cluster.requireVm(node, vmid);
        vm.requireUnlocked();
        if (vm.template()) {
            throw PveError.server("you can't convert a template to a template\n");
        }
        if (vm.running()) {
            throw PveError.server("you can't convert a VM to template if VM is running\n");
        }
        return cluster.tasks().start(node, "qmtemplate", String.valueOf(vmid), user, Duration.ofSeconds(2), task -> {
            failIfReadOnly(node, vmid);
            vm.config().replaceAll((key, value) -> Drive.isDriveKey(key) ? toBase(node, vm, value, task) : value);
            vm.config().put("template", "1");
        });
    }

    /** A worker's config write without quorum: the task dies as file_set_contents does. */
    private void failIfReadOnly(String node, int vmid) {
        cluster.configReadOnly(node, vmid).ifPresent(why -> {
            throw new TaskFailure(why.strip());
        });
    }

    /** qemu-server's clone_vm, with {@code target} for another node: see {@link VmCloner}. */
    public SimTask clone(String node, int vmid, CloneSpec spec, String user) {
        return cloner.clone(node, vmid, spec, user);
    }

    public SimTask destroy(String node, int vmid, boolean destroyUnreferenced, boolean skiplock, String user) {
        SimVm vm = cluster.requireVm(node, vmid);
        if (vm.running()) {
            throw PveError.server("VM " + vmid + " is running - destroy failed\n");
        }
        if ("1".equals(vm.config().get("protection"))) {
            throw PveError.server("can't remove VM " + vmid + " - protection mode enabled\n");
        }
        // destroy_vm's early checks are protection and running; the lock is checked in the worker
        // (qemu-server PVE/QemuServer.pm destroy_vm), so a locked VM fails the task, not the call.
        return cluster.tasks().start(node, "qmdestroy", String.valueOf(vmid), user, Duration.ofSeconds(1), task -> {
            if (!skiplock) {
                PowerControl.requireUnlocked(vm);
            }
            if (vm.template()) {
                requireBaseVolumesUnused(node, vm);
            }
            destroyNow(node, vm, destroyUnreferenced, task);
        });
    }

    /**
     * qemu-server's destroy_vm, for a template: dies before touching anything when a base volume
     * is still used, which Storage.pm's volume_is_base_and_used sees on directories only.
     */
    private void requireBaseVolumesUnused(String node, SimVm vm) {
        vm.config().forEach((key, value) -> {
            if (!Drive.isDriveKey(key) && !key.startsWith("unused")) {
                return;
            }
            Drive drive = Drive.parse(value);
            if (drive.cdrom()) {
                return;
            }
            drive.volume().filter(ref -> cluster.requireStorage(node, ref.storage()).baseInUse(ref.volname()))
                    .ifPresent(ref -> {
                        throw new TaskFailure("base volume '" + ref.volid() + "' is still in use by linked cloned");
                    });
        });
    }

    /** Frees the VM's own disks (and with destroyUnreferenced every images volume it owns), then forgets it. */
    private void destroyNow(String node, SimVm vm, boolean destroyUnreferenced, SimTask task) {
        int vmid = vm.vmid();
        Set<Drive.VolumeRef> volumes = new java.util.LinkedHashSet<>();
        vm.config().forEach((key, value) -> {
            if (Drive.isDriveKey(key) || key.startsWith("unused")) {
                Drive drive = Drive.parse(value);
                if (!drive.cdrom() || drive.isCloudInit()) {
                    drive.volume().ifPresent(volumes::add);
                }
            }
        });
        if (destroyUnreferenced) {
            cluster.requireNode(node).storages().forEach(storage -> storage.volumes().stream()
                    .filter(v -> v.vmid().filter(id -> id == vmid).isPresent() && v.content().equals("images"))
                    .forEach(v -> volumes.add(new Drive.VolumeRef(storage.id(), v.volname()))));
        }
        volumes.forEach(ref -> free(node, ref, task));
        if (cluster.configReadOnly(node, vmid).isPresent()) {
            // destroy_vm frees the disks first; AbstractConfig's destroy_config then cannot unlink
            // the config on a read-only /etc/pve: the VM stays, its disks gone.
            throw new TaskFailure("failed to remove config file: Permission denied");
        }
        cluster.remove(vmid);
    }

    private void free(String node, Drive.VolumeRef ref, SimTask task) {
        SimStorage storage = cluster.requireStorage(node, ref.storage());
        if (storage.volume(ref.volname()).isEmpty()) {
            return;
        }
        if (storage.baseInUse(ref.volname())) {
            // Storage.pm's vdisk_free; destroy_vm only warns about a disk it could not free
            task.warn("Could not remove disk '" + ref.volid() + "', check manually: base volume '" + ref.volname()
                    + "' is still in use by linked clones");
            return;
        }
        storage.remove(ref.volname());
        task.log("  Logical volume \"" + ref.volname() + "\" successfully removed.");
    }

    private String toBase(String node, SimVm vm, String value, SimTask task) {
        Drive drive = Drive.parse(value);
        if (drive.cdrom() || drive.volume().isEmpty()) {
            return value;
        }
        Drive.VolumeRef ref = drive.volume().get();
        SimStorage storage = cluster.requireStorage(node, ref.storage());
        Optional<StoredVolume> volume = storage.volume(ref.volname());
        // template_create skips a disk whose storage lacks the 'template' feature (plain LVM): it stays vm-
        if (volume.isEmpty() || StorageKind.isBase(ref.volname()) || !storage.kind().canTemplate()) {
            return value;
        }
        String baseName = storage.kind().baseName(ref.volname());
        storage.remove(ref.volname());
        storage.put(volume.get().copyAs(baseName, vm.vmid(), volume.get().parent().orElse(null),
                volume.get().created()));
        if (storage.kind() == StorageKind.LVMTHIN) {
            task.log("  Renamed \"" + ref.volname() + "\" to \"" + baseName + "\" in volume group \"pve\"");
        }
        return drive.withFile(ref.storage() + ":" + baseName).toString();
    }

    private void apply(SimVm vm, Map<String, String> changes, List<String> delete, SimTask task) {
        Map<String, String> config = vm.config();
        String cdromBefore = config.get("ide2");
        for (String key : delete) {
            String device = key.equals("cdrom") ? "ide2" : key;
            removeFromBootOrder(config, device);
            String value = config.remove(device);
            if (value != null && Drive.isDriveKey(device) && Drive.parse(value).isCloudInit()) {
                Drive.VolumeRef ref = Drive.parse(value).volume().get();
                cluster.requireStorage(vm.node(), ref.storage()).remove(ref.volname());
                continue;
            }
            if (value != null && Drive.isDriveKey(key) && !Drive.parse(value).cdrom()
                    && Drive.parse(value).volume().isPresent()) {
                config.put(freeUnusedKey(config), Drive.parse(value).file());
            }
        }
        Map<String, String> pending = new LinkedHashMap<>(changes);
        pending.computeIfPresent("tags", (key, tags) -> GuestTags.unique(tags));
        if (task != null) {
            disks.allocate(vm.node(), vm.vmid(), pending, task::log);
        } else {
            try {
                disks.allocate(vm.node(), vm.vmid(), pending, line -> { });
            } catch (TaskFailure failure) {
                throw PveError.server(failure.getMessage() + "\n");
            }
        }
        long salt = cluster.timeline().now().toEpochMilli();
        pending.forEach((key, value) -> {
            Matcher net = NET_KEY.matcher(key);
            config.put(key, net.matches() ? Macs.withMac(value, vm.vmid(), Integer.parseInt(net.group(1)), salt)
                    : value);
        });
        checkBootOrder(config, task);
        if (vm.running() && cdromBefore != null && !cdromBefore.equals(config.get("ide2"))) {
            vm.guest().ifPresent(dev.nixpve.sim.state.Guest::mediaRemoved);
        }
    }

    /** Deleting a device takes it out of the boot order too, as PVE does. */
    private static void removeFromBootOrder(Map<String, String> config, String device) {
        Matcher order = BOOT_ORDER.matcher(config.getOrDefault("boot", ""));
        if (order.find()) {
            List<String> kept = new ArrayList<>(List.of(order.group(1).split(";")));
            if (kept.remove(device)) {
                config.put("boot", order.replaceFirst("order=" + String.join(";", kept)));
            }
        }
    }

    private static void checkBootOrder(Map<String, String> config, SimTask task) {
        Matcher order = BOOT_ORDER.matcher(config.getOrDefault("boot", ""));
        if (!order.find()) {
            return;
        }
        for (String device : order.group(1).split(";")) {
            if (!device.isEmpty() && !config.containsKey(device)) {
                String message = "invalid bootorder: device '" + device + "' does not exist'";
                if (task != null) {
                    throw new TaskFailure(message);
                }
                throw PveError.server(message + "\n");
            }
        }
    }

    private static String freeUnusedKey(Map<String, String> config) {
        for (int n = 0; ; n++) {
            if (!config.containsKey("unused" + n)) {
                return "unused" + n;
            }
        }
    }

    private void checkDigestAndLock(SimVm vm, Optional<String> digest, boolean skiplock) {
        if (digest.isPresent() && !digest.get().equals(vm.digest())) {
            throw PveError.server("checksum mismatch (file change by other user?)\n");
        }
        if (!skiplock) {
            vm.requireUnlocked();
        }
    }

    /** PVE's {@code check_storage_access}: storages exist and hold the right content. */
    private void checkStorageAccess(String node, Map<String, String> config) {
        config.forEach((key, value) -> {
            if (!Drive.isDriveKey(key)) {
                return;
            }
            Drive drive = Drive.parse(value);
            drive.newDisk().ifPresent(disk -> {
                SimStorage storage = cluster.requireStorage(node, disk.storage());
                if (!storage.supports("images")) {
                    throw PveError.parameter("storage", "storage '" + storage.id() + "' does not support vm images");
                }
            });
            drive.volume().ifPresent(ref -> {
                SimStorage storage = cluster.requireStorage(node, ref.storage());
                boolean iso = ref.volname().startsWith("iso/");
                if (!iso && !ref.volname().matches("(\\d+/([^/]+/\\d+/)?)?(vm|base)-\\d+-.*")) {
                    throw PveError.parameter(key, "content type needs to be 'images' or 'iso'");
                }
                if (drive.cdrom() && !iso || iso && !storage.supports("iso")) {
                    throw PveError.parameter(key, "volume '" + ref.volid() + "' does not support content type "
                            + (drive.cdrom() ? "'iso'" : "'images'"));
                }
            });
        });
    }

    private static String defaultBoot(Map<String, String> config) {
        List<String> order = new ArrayList<>();
        config.keySet().stream().filter(Drive::isDriveKey).filter(k -> !Drive.parse(config.get(k)).cdrom()).sorted()
                .forEach(order::add);
        config.keySet().stream().filter(Drive::isDriveKey).filter(k -> Drive.parse(config.get(k)).cdrom()).sorted()
                .forEach(order::add);
        config.keySet().stream().filter(k -> NET_KEY.matcher(k).matches()).sorted().forEach(order::add);
        return order.isEmpty() ? " " : "order=" + String.join(";", order);
    }

    static UUID uuid(int vmid, long salt) {
        return UUID.nameUUIDFromBytes((vmid + ":" + salt).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String newUuid(String smbios1, int vmid, long salt) {
        String uuid = "uuid=" + uuid(vmid, salt + 2);
        if (smbios1.isBlank()) {
            return uuid;
        }
        return smbios1.contains("uuid=") ? smbios1.replaceAll("uuid=[^,]*", uuid) : smbios1 + "," + uuid;
    }

    /** The clone parameters the simulator honours. */
    public record CloneSpec(int newid, Optional<String> name, Optional<String> description, Optional<Boolean> full,
                            Optional<String> storage, Optional<String> target) {
    }
}
