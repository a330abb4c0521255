package dev.nixpve.pipeline.steps;

import dev.nixpve.config.VmidRange;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.journal.Resource;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Picks VMIDs from the configured range, safe against other runs and people: the create call
 * itself claims the id, and when PVE answers "already exists" (someone was faster) the next
 * free id is tried. VMIDs are cluster-wide, but a create or clone checks only its own node's
 * configs at the call: one that lost to a VM on another node fails in its task, as pmxcfs refuses
 * the config's rename ("File exists"); that is a taken id too. The nodes of one run share their
 * reservations, so they never race each other for an id.
 */
public final class VmidAllocator {

    /**
     * Creates something under the given id; throws PveApiException ALREADY_EXISTS, or the task's
     * failure {@link #takenInTask says so}, when it is taken.
     */
    @FunctionalInterface
    public interface Claim {
        void create(int vmid) throws Exception;
    }

    private final ProxmoxClient client;
    private final VmidRange range;
    private final String rangeKey;
    private final Set<Integer> reserved;

    public VmidAllocator(ProxmoxClient client, VmidRange range) {
        this(client, range, "target.vmids", ConcurrentHashMap.newKeySet());
    }

    /**
     * {@code rangeKey}: the configuration key the range came from, for the error when it is full;
     * {@code reserved}: the ids this run's allocators have taken, shared by the nodes of one run.
     */
    public VmidAllocator(ProxmoxClient client, VmidRange range, String rangeKey, Set<Integer> reserved) {
        this.client = client;
        this.range = range;
        this.rangeKey = rangeKey;
        this.reserved = reserved;
    }

    /**
     * Writes to the journal that {@code vm} was not made when {@code e} says its VMID was taken
     * (at the call, or in the task on another node): its intent then names no VM of this run.
     */
    public static void journalIfTaken(Exception e, Journal journal, Resource.Vm vm) {
        if (e instanceof PveApiException api && api.kind() == PveApiException.Kind.ALREADY_EXISTS) {
            journal.notCreated(vm, "VMID taken meanwhile");
        } else if (takenInTask(e)) {
            journal.notCreated(vm, "VMID taken on another node meanwhile");
        }
    }

    /** A create's or clone's task that lost its VMID to a VM on another node (pmxcfs' rename refused). */
    public static boolean takenInTask(Exception e) {
        return e instanceof PveTaskFailedException failed && failed.exitStatus().contains("File exists");
    }

    public int claim(Claim claim) throws Exception {
        Set<Integer> taken = new HashSet<>();
        client.resources(Optional.of("vm")).stream().map(ClusterResource::vmid).flatMap(Optional::stream)
                .forEach(taken::add);
        for (int vmid = range.first(); vmid <= range.last(); vmid++) {
            if (taken.contains(vmid) || !reserved.add(vmid)) {
                continue;
            }
            try {
                claim.create(vmid);
                return vmid;
            } catch (PveApiException e) {
                if (e.kind() != PveApiException.Kind.ALREADY_EXISTS) {
                    reserved.remove(vmid);
                    throw e;
                }
            } catch (PveTaskFailedException e) {
                if (!takenInTask(e)) {
                    reserved.remove(vmid);
                    throw e;
                }
            }
        }
        throw new StepFailure(StepFailure.Reason.NO_FREE_VMID, "no free VMID left in " + range + " (" + rangeKey + ")");
    }
}
