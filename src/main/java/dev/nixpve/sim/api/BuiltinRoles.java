package dev.nixpve.sim.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * PVE's built-in roles, made as pve-access-control's AccessControl.pm create_roles makes them from
 * its privilege groups: PVE&lt;Group&gt;Admin, PVE&lt;Group&gt;User, PVEAdmin, PVEAuditor,
 * PVETemplateUser, NoAccess, and Administrator with every privilege the version knows.
 */
final class BuiltinRoles {

    /** A privilege group's privileges by level (root, admin, user, audit), from AccessControl.pm $privgroups. */
    private record Group(String name, List<String> admin, List<String> user, List<String> audit) {
    }

    private static final List<Group> GROUPS = List.of(
            new Group("VM", List.of("VM.Config.Disk", "VM.Config.CPU", "VM.Config.Memory", "VM.Config.Network",
                    "VM.Config.HWType", "VM.Config.Options", "VM.Allocate", "VM.Clone", "VM.GuestAgent.Unrestricted",
                    "VM.Migrate", "VM.Replicate", "VM.Snapshot", "VM.Snapshot.Rollback"),
                    List.of("VM.Config.CDROM", "VM.Config.Cloudinit", "VM.Console", "VM.Backup",
                            "VM.GuestAgent.FileRead", "VM.GuestAgent.FileSystemMgmt", "VM.GuestAgent.FileWrite",
                            "VM.PowerMgmt"),
                    List.of("VM.Audit", "VM.GuestAgent.Audit")),
            new Group("Sys", List.of("Sys.Console", "Sys.Syslog"), List.of(), List.of("Sys.Audit")),
            new Group("Datastore", List.of("Datastore.Allocate", "Datastore.AllocateTemplate"),
                    List.of("Datastore.AllocateSpace"), List.of("Datastore.Audit")),
            new Group("SDN", List.of("SDN.Allocate", "SDN.Audit"), List.of("SDN.Use"), List.of("SDN.Audit")),
            new Group("User", List.of("User.Modify", "Group.Allocate", "Realm.AllocateUser"), List.of(), List.of()),
            new Group("Pool", List.of("Pool.Allocate"), List.of("Pool.Audit"), List.of("Pool.Audit")),
            new Group("Mapping", List.of("Mapping.Modify"), List.of("Mapping.Use"), List.of("Mapping.Audit")));

    private BuiltinRoles() {
    }

    /** Role id → its privileges, for the version the simulator plays (8.x has VM.Monitor instead of VM.GuestAgent.*). */
    static Map<String, Set<String>> all(SimVersion version) {
        boolean eight = version.version().startsWith("8.");
        Map<String, Set<String>> roles = new TreeMap<>();
        roles.put("NoAccess", new TreeSet<>());
        roles.put("Administrator", new TreeSet<>(Privileges.all(version.version())));
        for (Group group : GROUPS) {
            for (String privilege : concat(group.admin(), group.user(), group.audit())) {
                add(roles, "PVE" + group.name() + "Admin", privilege, eight);
                add(roles, "PVEAdmin", privilege, eight);
            }
            if (!group.user().isEmpty()) {
                concat(group.user(), group.audit(), List.of())
                        .forEach(privilege -> add(roles, "PVE" + group.name() + "User", privilege, eight));
            }
            group.audit().forEach(privilege -> add(roles, "PVEAuditor", privilege, eight));
        }
        roles.get("PVEAdmin").remove("Mapping.Modify");
        roles.put("PVETemplateUser", new TreeSet<>(List.of("VM.Audit", "VM.Clone")));
        Map<String, Set<String>> result = new LinkedHashMap<>();
        roles.forEach((role, privileges) -> result.put(role, Set.copyOf(privileges)));
        return result;
    }

    private static void add(Map<String, Set<String>> roles, String role, String privilege, boolean eight) {
        String known = eight && privilege.startsWith("VM.GuestAgent.") ? "VM.Monitor" : privilege;
        if (eight && known.equals("VM.Replicate")) {
            return;
        }
        roles.computeIfAbsent(role, r -> new TreeSet<>()).add(known);
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }
}
