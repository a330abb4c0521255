package dev.nixpve.sim.api;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The privileges a PVE version knows (what the Administrator role holds). */
public final class Privileges {

    private static final List<String> COMMON = List.of(
            "Datastore.Allocate", "Datastore.AllocateSpace", "Datastore.AllocateTemplate", "Datastore.Audit",
            "Group.Allocate", "Mapping.Audit", "Mapping.Modify", "Mapping.Use", "Permissions.Modify",
            "Pool.Allocate", "Pool.Audit", "Realm.Allocate", "Realm.AllocateUser", "SDN.Allocate", "SDN.Audit",
            "SDN.Use", "Sys.AccessNetwork", "Sys.Audit", "Sys.Console", "Sys.Incoming", "Sys.Modify",
            "Sys.PowerMgmt", "Sys.Syslog", "User.Modify", "VM.Allocate", "VM.Audit", "VM.Backup", "VM.Clone",
            "VM.Config.CDROM", "VM.Config.CPU", "VM.Config.Cloudinit", "VM.Config.Disk", "VM.Config.HWType",
            "VM.Config.Memory", "VM.Config.Network", "VM.Config.Options", "VM.Console", "VM.Migrate",
            "VM.PowerMgmt", "VM.Snapshot", "VM.Snapshot.Rollback");

    private Privileges() {
    }

    /** 8.x has VM.Monitor; 9.1 replaced it by the VM.GuestAgent.* family. */
    public static Set<String> all(String pveVersion) {
        Set<String> all = new TreeSet<>(COMMON);
        if (pveVersion.startsWith("8.")) {
            all.add("VM.Monitor");
        } else {
            all.addAll(List.of("VM.GuestAgent.Audit", "VM.GuestAgent.FileRead", "VM.GuestAgent.FileWrite",
                    "VM.GuestAgent.FileSystemMgmt", "VM.GuestAgent.Unrestricted", "VM.Replicate"));
        }
        return all;
    }
}
