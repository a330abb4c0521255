package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;
import dev.nixpve.sim.state.Drive;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The permission checks qemu-server makes in code on VM create and config update, beyond the
 * schema's "any VM.Config.*" (API2/Qemu.pm: {@code check_vm_modify_config_perm}, the create
 * handler, {@code $check_storage_access}, {@code $check_vm_create_serial_perm} and the update's
 * {@code $check_drive_perms}; pve-storage's {@code check_volume_access}; pve-guest-common's
 * {@code check_vnet_access}). Keys are checked in sorted order, where PVE walks a Perl hash.
 */
final class QemuPermissions {

    private static final Set<String> CPU = Set.of("cores", "cpu", "runningcpu", "cpulimit", "cpuunits", "numa", "smp",
            "sockets", "vcpus");
    private static final Set<String> MEMORY = Set.of("memory", "balloon", "shares", "allow-ksm");
    private static final Set<String> HWTYPE = Set.of("acpi", "hotplug", "kvm", "machine", "runningmachine", "scsihw",
            "smbios1", "tablet", "vga", "watchdog", "audio0", "rng0");
    private static final Set<String> OPTIONS = Set.of("agent", "autostart", "bios", "description", "keyboard",
            "localtime", "migrate_downtime", "migrate_speed", "name", "onboot", "ostype", "protection", "reboot",
            "startdate", "startup", "tdf", "template");
    private static final Set<String> DISK = Set.of("boot", "bootdisk", "vmstatestorage");
    private static final Set<String> CLOUDINIT = Set.of("cicustom", "cipassword", "citype", "ciuser", "ciupgrade",
            "nameserver", "searchdomain", "sshkeys");
    private static final Pattern CHECKED_ELSEWHERE = Pattern.compile("(unused|serial|usb|hostpci|virtiofs)\\d+");
    private static final Pattern CLOUDINIT_FILE = Pattern.compile(".*[:/](vm-\\d+-)?cloudinit(\\.\\w+)?");
    private static final Pattern BRIDGE = Pattern.compile("(?:^|,)bridge=([^,]+)");
    private static final Pattern TAG = Pattern.compile("(?:^|,)(tag|trunks)=([^,]+)");

    private final Principal principal;
    private final Map<String, String> vnets;
    private final Grants grants;
    private final int vmid;
    private final String vms;

    /** @param vnets SDN VNet name to zone: a VNet's bridge is checked in its zone, others in localnetwork */
    QemuPermissions(Principal principal, Map<String, String> vnets, int vmid) {
        this.principal = principal;
        this.vnets = vnets;
        this.grants = principal.grants();
        this.vmid = vmid;
        this.vms = "/vms/" + vmid;
    }

    /** The create handler's order: storage, start, VM.Allocate, drives, keys, serial ports, bridges. */
    void create(Map<String, String> params) {
        if (params.containsKey("storage")) {
            require("/storage/" + params.get("storage"), "Datastore.AllocateSpace");
        }
        if (flag(params.get("start"))) {
            require(vms, "VM.PowerMgmt");
        }
        if (!grants.has(vms, "VM.Allocate")) {
            throw PveError.forbidden("Permission check failed"); // raise_perm_exc() without a path
        }
        Map<String, String> settings = settings(params);
        if (settings.isEmpty()) {
            return;
        }
        storageAccess(settings);
        configKeys(settings.keySet());
        serialPorts(settings);
        bridges(settings);
        if (settings.containsKey("tags")) {
            require(vms, "VM.Config.Options"); // assert_tag_permissions
        }
    }

    /** The update's checks before its worker: deleted keys, set keys, storages, bridges. */
    void update(Map<String, String> set, List<String> delete) {
        configKeys(delete);
        configKeys(set.keySet());
        storageAccess(set);
        bridges(set);
    }

    /** The update worker's checks against the current config: drives old and new, serial ports, tags, NICs. */
    void updateAgainst(Map<String, String> current, Map<String, String> set, List<String> delete) {
        for (String key : delete) {
            String old = current.get(key);
            if (old == null) {
                continue;
            }
            if (key.matches("unused\\d+")) {
                require(vms, "VM.Config.Disk");
            } else if (Drive.isDriveKey(key)) {
                drivePerms(old);
            } else if (key.matches("serial\\d+")) {
                serial(key, old);
            } else if (key.equals("tags")) {
                require(vms, "VM.Config.Options");
            } else if (key.matches("net\\d+")) {
                bridges(Map.of(key, old));
            }
        }
        new TreeMap<>(set).forEach((key, value) -> {
            if (Drive.isDriveKey(key)) {
                if (current.containsKey(key)) {
                    drivePerms(current.get(key));
                }
                drivePerms(value);
            } else if (key.matches("serial\\d+")) {
                boolean socketBefore = current.getOrDefault(key, "socket").equals("socket");
                serial(key, socketBefore ? value : "");
            } else if (key.equals("tags")) {
                require(vms, "VM.Config.Options");
            } else if (key.matches("net\\d+") && current.containsKey(key)) {
                bridges(Map.of(key, current.get(key)));
            }
        });
    }

    private void configKeys(Collection<String> keys) {
        if (isRoot()) {
            return;
        }
        for (String key : keys.stream().sorted().toList()) {
            if (Drive.isDriveKey(key) || key.equals("cdrom") || key.equals("tags")
                    || CHECKED_ELSEWHERE.matcher(key).matches()) {
                continue;
            }
            if (CPU.contains(key) || key.matches("numa\\d+")) {
                require(vms, "VM.Config.CPU");
            } else if (MEMORY.contains(key)) {
                require(vms, "VM.Config.Memory");
            } else if (HWTYPE.contains(key)) {
                require(vms, "VM.Config.HWType");
            } else if (OPTIONS.contains(key)) {
                require(vms, "VM.Config.Options");
                if (key.equals("startup")) {
                    require("/", "Sys.Modify");
                }
            } else if (key.equals("freeze")) {
                require(vms, "VM.PowerMgmt");
            } else if (DISK.contains(key)) {
                require(vms, "VM.Config.Disk");
            } else if (key.matches("net\\d+") || key.equals("running-nets-host-mtu")) {
                require(vms, "VM.Config.Network");
            } else if (CLOUDINIT.contains(key) || key.matches("ipconfig\\d+")) {
                requireAny(vms, "VM.Config.Cloudinit", "VM.Config.Network");
            } else if (key.equals("vmstate")) {
                require(vms, "VM.Config.Disk");
                require(vms, "VM.PowerMgmt");
            } else {
                throw PveError.server("only root can set '" + key + "' config\n");
            }
        }
    }

    /** What a drive's volume needs: new disks space, existing volumes check_volume_access. */
    private void storageAccess(Map<String, String> settings) {
        new TreeMap<>(settings).forEach((key, value) -> {
            if (key.matches("unused\\d+")) {
                volumeAccess(Drive.parse(value).file());
            } else if (Drive.isDriveKey(key)) {
                Drive drive = Drive.parse(value);
                String file = drive.file();
                if (file.isEmpty() || file.equals("none") || isCloudInit(file)) {
                    return;
                }
                if (drive.cdrom() && file.equals("cdrom")) {
                    require("/", "Sys.Console");
                } else if (!drive.cdrom() && drive.newDisk().isPresent()) {
                    require("/storage/" + drive.newDisk().get().storage(), "Datastore.AllocateSpace");
                } else {
                    volumeAccess(file);
                }
            }
        });
        if (settings.containsKey("vmstatestorage")) {
            require("/storage/" + settings.get("vmstatestorage"), "Datastore.AllocateSpace");
        }
    }

    /** pve-storage check_volume_access: Datastore.Allocate is enough for anything on the storage. */
    private void volumeAccess(String volid) {
        int colon = volid.indexOf(':');
        if (colon <= 0) {
            if (!isRoot()) {
                throw PveError.server("Only root can pass arbitrary filesystem paths.");
            }
            return;
        }
        String storage = "/storage/" + volid.substring(0, colon);
        String volname = volid.substring(colon + 1);
        if (grants.has(storage, "Datastore.Allocate")) {
            return;
        }
        Matcher owned = Pattern.compile("(?:.*/)?(?:vm|base)-(\\d+)-.*").matcher(volname);
        if (volname.startsWith("iso/") || volname.startsWith("vztmpl/") || volname.startsWith("import/")) {
            requireAny(storage, "Datastore.AllocateSpace", "Datastore.Audit");
        } else if (owned.matches() && Integer.parseInt(owned.group(1)) == vmid) {
            return;
        } else if (owned.matches()) {
            require(storage, "Datastore.Audit");
            require("/vms/" + owned.group(1), "VM.Config.Disk");
        } else {
            throw PveError.server("missing privileges to access " + volid + "\n");
        }
    }

    /** The update's {@code $check_drive_perms}: a cloud-init drive needs both Cloudinit and CDROM. */
    private void drivePerms(String value) {
        Drive drive = Drive.parse(value);
        if (isCloudInit(drive.file())) {
            require(vms, "VM.Config.Cloudinit");
            require(vms, "VM.Config.CDROM");
        } else if (drive.cdrom()) {
            require(vms, "VM.Config.CDROM");
        } else {
            require(vms, "VM.Config.Disk");
        }
    }

    private void serialPorts(Map<String, String> settings) {
        new TreeMap<>(settings).forEach((key, value) -> {
            if (key.matches("serial\\d+")) {
                serial(key, value);
            }
        });
    }

    private void serial(String key, String value) {
        if (isRoot()) {
            return;
        }
        if (!value.equals("socket")) {
            throw PveError.server("only root can set '" + key + "' config for real devices\n");
        }
        require(vms, "VM.Config.HWType");
    }

    /** SDN.Use on the bridge, or on its VLAN tags when the NIC has any (check_vnet_access). */
    private void bridges(Map<String, String> settings) {
        if (isRoot()) {
            return;
        }
        new TreeMap<>(settings).forEach((key, value) -> {
            if (!key.matches("net\\d+")) {
                return;
            }
            Matcher bridge = BRIDGE.matcher(value);
            if (!bridge.find()) {
                return;
            }
            String path = SdnEndpoints.aclPath(vnets, bridge.group(1));
            Matcher tags = TAG.matcher(value);
            boolean tagged = false;
            while (tags.find()) {
                tagged = true;
                for (String tag : tags.group(2).split(";")) {
                    require(path + "/" + tag, "SDN.Use");
                }
            }
            if (!tagged) {
                require(path, "SDN.Use");
            }
        });
    }

    private boolean isRoot() {
        return principal.viaTicket() && principal.userid().equals("root@pam");
    }

    private void require(String path, String privilege) {
        if (!isRoot() && !grants.has(path, privilege)) {
            throw PveError.permission(path, privilege);
        }
    }

    private void requireAny(String path, String... privileges) {
        if (!isRoot() && List.of(privileges).stream().noneMatch(p -> grants.has(path, p))) {
            throw PveError.permission(path, String.join("|", privileges));
        }
    }

    private static Map<String, String> settings(Map<String, String> params) {
        Map<String, String> settings = new TreeMap<>(params);
        for (String control : List.of("node", "vmid", "archive", "bwlimit", "force", "pool", "start", "ha-managed",
                "storage", "unique", "live-restore", "import-working-storage")) {
            settings.remove(control);
        }
        if (settings.containsKey("cdrom")) {
            String value = settings.remove("cdrom");
            settings.put("ide2", value.contains("media=") ? value : value + ",media=cdrom");
        }
        return settings;
    }

    private static boolean isCloudInit(String file) {
        return file.equals("cloudinit") || CLOUDINIT_FILE.matcher(file).matches();
    }

    private static boolean flag(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }
}
