package dev.nixpve.pipeline.steps;

import dev.nixpve.event.StepId;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.config.VmSettings;
import dev.nixpve.proxmox.model.Bridge;
import dev.nixpve.proxmox.model.ClusterResource;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.proxmox.model.PveVersion;
import dev.nixpve.proxmox.model.StorageInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything {@code pve check} verifies plus what this build needs: ISO storage with content iso,
 * a block disk storage (LVM, LVM-thin, RBD) with images and room for the disk, the bridge, free
 * VMIDs in the range, and every privilege. All problems are reported together, before anything is created.
 */
public final class Preflight implements Step<Preflight.Result> {

    /** What later steps use from the checks. */
    public record Result(PveVersion version, StorageInfo isoStorage, StorageInfo diskStorage, Set<Integer> usedVmids) {
    }

    private final ProxmoxClient client;
    private final NodeTarget target;
    private final VmSettings vm;
    private final int vmidsNeeded;

    public Preflight(ProxmoxClient client, NodeTarget target, VmSettings vm, int vmidsNeeded) {
        this.client = client;
        this.target = target;
        this.vm = vm;
        this.vmidsNeeded = vmidsNeeded;
    }

    @Override
    public StepId id() {
        return StepId.PREFLIGHT;
    }

    @Override
    public String summary(Result result) {
        return "PVE " + result.version().release() + ", node " + target.node() + ", storages "
                + result.isoStorage().storage() + " and " + result.diskStorage().storage() + ", bridge "
                + target.bridge();
    }

    @Override
    public Result run() throws StepFailure {
        PveCheckReport report = new PveCheck(client).run(target, vmidsNeeded);
        List<String> problems = new ArrayList<>(report.problems());
        report.missing().forEach(p -> problems.add(p.requirement().privilegeName() + " on "
                + p.requirement().aclPath() + " (needed to " + p.requirement().purpose() + ")"));
        Optional<StorageInfo> iso = find(report, target.isoStorage());
        Optional<StorageInfo> disk = find(report, target.diskStorage());
        boolean nodeUsable = report.problems().isEmpty();
        if (nodeUsable) {
            checkIsoStorage(target, iso, problems);
            checkDiskStorage(target, vm, disk, problems);
            checkBridge(target, problems);
        }
        Set<Integer> used = client.resources(Optional.of("vm")).stream().map(ClusterResource::vmid)
                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
        long free = target.vmids().ids().filter(id -> !used.contains(id)).limit(vmidsNeeded).count();
        if (free < vmidsNeeded) {
            problems.add("the VMID range " + target.vmids() + " (" + target.key("vmids") + ") has " + free
                    + " free id(s), this build needs " + vmidsNeeded);
        }
        if (!problems.isEmpty()) {
            throw new StepFailure(StepFailure.Reason.PVE_NOT_READY, "Proxmox VE is not ready for this build: "
                    + String.join("; ", problems));
        }
        return new Result(report.version(), iso.orElseThrow(), disk.orElseThrow(), used);
    }

    private static Optional<StorageInfo> find(PveCheckReport report, String storage) {
        return report.storages().stream().filter(s -> s.storage().equals(storage)).findFirst();
    }

    private static void checkIsoStorage(NodeTarget target, Optional<StorageInfo> iso, List<String> problems) {
        String storage = "storage '" + target.isoStorage() + "' (" + target.key("isoStorage") + ")";
        if (iso.isEmpty()) {
            problems.add(storage + " does not exist on node " + target.node() + " or is not visible to this token");
        } else if (!iso.get().supports("iso")) {
            problems.add(storage + " does not hold ISO images (content: " + String.join(",", iso.get().content())
                    + "); enable content 'iso' or pick a dir/NFS storage");
        } else if (!iso.get().active() || !iso.get().enabled()) {
            problems.add(storage + " is not active");
        }
    }

    private static void checkDiskStorage(NodeTarget target, VmSettings vm, Optional<StorageInfo> disk,
                                         List<String> problems) {
        String named = "storage '" + target.diskStorage() + "' (" + target.key("diskStorage") + ")";
        if (disk.isEmpty()) {
            problems.add(named + " does not exist on node " + target.node() + " or is not visible to this token");
            return;
        }
        StorageInfo storage = disk.get();
        if (!storage.isBlock()) {
            problems.add(named + " is of type " + storage.type() + "; nixpve templates live on block storage "
                    + "(lvm, lvmthin, or rbd for Ceph)");
        }
        if (!storage.supports("images")) {
            problems.add(named + " does not hold VM disks (content 'images')");
        }
        if (!storage.active() || !storage.enabled()) {
            problems.add(named + " is not active");
        } else if (storage.available() < vm.diskSize().bytes()) {
            problems.add("storage '" + target.diskStorage() + "' has " + (storage.available() >> 30)
                    + " GiB free, the disk needs " + vm.diskSize() + " (vm.diskSize)");
        }
    }

    private void checkBridge(NodeTarget target, List<String> problems) {
        List<Bridge> bridges = client.bridges(target.node());
        if (bridges.stream().noneMatch(b -> b.name().equals(target.bridge()))) {
            problems.add("bridge '" + target.bridge() + "' (" + target.key("bridge") + ") does not exist on node "
                    + target.node() + "; bridges there: " + (bridges.isEmpty() ? "none"
                    : bridges.stream().map(Bridge::name).collect(Collectors.joining(", "))));
        }
    }
}
