package dev.nixpve.pipeline.steps;

import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.StorageInfo;
import dev.nixpve.proxmox.model.VmConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What retention and the template catalog read of other guests, each read at most once: their
 * configs, and which storages of a node are shared. A guest on a node that does not answer (PVE's
 * 595) has no config to read: it is unknown, and callers judge it by what {@code /cluster/resources}
 * shows of it, so that one node down does not stop the housekeeping of the others.
 */
final class GuestReads {

    private final ProxmoxClient client;
    private final Map<Integer, Optional<VmConfig>> configs = new HashMap<>();
    private final Map<String, Set<String>> shared = new HashMap<>();

    GuestReads(ProxmoxClient client) {
        this.client = client;
    }

    /** The guest's config; empty when its node does not answer. */
    Optional<VmConfig> config(ClusterResource guest) {
        return configs.computeIfAbsent(guest.vmid().orElseThrow(), id -> {
            try {
                return Optional.of(client.vmConfig(guest.node().orElseThrow(), id));
            } catch (PveApiException e) {
                if (e.kind() == PveApiException.Kind.PROXY) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** A config read already (a template's, listed with it), which stays readable once the template is gone. */
    void known(int vmid, VmConfig config) {
        configs.put(vmid, Optional.of(config));
    }

    /** The storages of {@code node} that other nodes see too (NFS, Ceph, a shared LVM). */
    Set<String> sharedStorages(String node) {
        return shared.computeIfAbsent(node, n -> client.storages(n).stream().filter(StorageInfo::shared)
                .map(StorageInfo::storage).collect(Collectors.toUnmodifiableSet()));
    }
}
