package dev.nixpve.sim.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduled jobs and what they configure, none of which the simulator runs: replication
 * (pve-manager API2/ReplicationConfig.pm), backup jobs (API2/Backup.pm, BackupInfo.pm), realm
 * sync jobs (pve-access-control API2/Jobs/RealmSync.pm) and resource mappings (API2/Cluster/Mapping/*.pm). With no backup job, every guest is "not backed up".
 */
final class ClusterJobsEndpoints {

    private final ApiContext context;

    ClusterJobsEndpoints(ApiContext context) {
        this.context = context;
    }

    void register(List<Route> routes) {
        routes.add(new Route("GET", "/cluster/replication", call -> List.of()));
        routes.add(new Route("GET", "/cluster/replication/{id}", Fixed.missing(context,
                call -> "no such replication job '" + call.path("id") + "'")));
        routes.add(new Route("GET", "/cluster/backup", call -> List.of()));
        for (String job : List.of("/cluster/backup/{id}", "/cluster/backup/{id}/included_volumes",
                "/cluster/jobs/realm-sync/{id}")) {
            routes.add(new Route("GET", job, Fixed.badParameter(context, "id",
                    call -> "No such job '" + call.path("id") + "'")));
        }
        routes.add(new Route("GET", "/cluster/backup-info/not-backed-up", this::notBackedUp));
        routes.add(new Route("GET", "/cluster/jobs/realm-sync", call -> List.of()));
        for (String mapping : List.of("dir", "pci", "usb")) {
            routes.add(new Route("GET", "/cluster/mapping/" + mapping, call -> List.of()));
            routes.add(new Route("GET", "/cluster/mapping/" + mapping + "/{id}", Fixed.missing(context,
                    call -> "mapping '" + call.path("id") + "' not found")));
        }
    }

    /** BackupInfo.pm: every guest the caller may audit (templates too), since no job includes any. */
    private List<Map<String, Object>> notBackedUp(Call call) {
        return context.cluster().vms().stream()
                .filter(vm -> call.principal().grants().has("/vms/" + vm.vmid(), "VM.Audit")).map(vm -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("vmid", vm.vmid());
                    entry.put("type", "qemu");
                    vm.get("name").ifPresent(name -> entry.put("name", name));
                    return entry;
                }).toList();
    }
}
