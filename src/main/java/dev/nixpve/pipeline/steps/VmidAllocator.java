package dev.nixpve.pipeline.steps;

import dev.nixpve.config.VmidRange;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveApiException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Picks VMIDs from the configured range, safe against other runs and people: the create call
 * itself claims the id, and when PVE answers "already exists" (someone was faster) the next
 * free id is tried.
 */
public final class VmidAllocator {

    /** Creates something under the given id; throws PveApiException ALREADY_EXISTS when it is taken. */
    @FunctionalInterface
    public interface Claim {
        void create(int vmid) throws Exception;
    }

    private final ProxmoxClient client;
    private final VmidRange range;
    private final String rangeKey;

    public VmidAllocator(ProxmoxClient client, VmidRange range) {
        this(client, range, "target.vmids");
    }

    /** {@code rangeKey}: the configuration key the range came from, for the error when it is full. */
    public VmidAllocator(ProxmoxClient client, VmidRange range, String rangeKey) {
        this.client = client;
        this.range = range;
        this.rangeKey = rangeKey;
    }

    public int claim(Claim claim) throws Exception {
        Set<Integer> taken = new HashSet<>();
        client.resources(Optional.of("vm")).stream().map(ClusterResource::vmid).flatMap(Optional::stream)
                .forEach(taken::add);
        for (int vmid = range.first(); vmid <= range.last(); vmid++) {
            if (taken.contains(vmid)) {
                continue;
            }
            try {
                claim.create(vmid);
                return vmid;
            } catch (PveApiException e) {
                if (e.kind() != PveApiException.Kind.ALREADY_EXISTS) {
                    throw e;
                }
            }
        }
        throw new StepFailure(StepFailure.Reason.NO_FREE_VMID, "no free VMID left in " + range + " (" + rangeKey + ")");
    }
}
