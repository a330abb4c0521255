package dev.nixpve.cli;

import dev.nixpve.journal.Resource;
import dev.nixpve.pipeline.steps.LeftOnProxmox;
import java.util.stream.Collectors;

/**
 * What a failed run left on Proxmox VE, as the end of its error paragraph: each thing with the
 * command, run on its node, that removes it. "Nothing was left" only when a read of the cluster
 * after the cleanup found nothing. A VM read running, or one whose state could not be read, is
 * stopped first: PVE destroys no running VM, and a stop of a stopped one does nothing (qemu-server
 * QemuServer.pm _do_vm_stop returns when there is no pid).
 */
final class LeftoversText {

    private LeftoversText() {
    }

    static String of(LeftOnProxmox left) {
        return switch (left.source()) {
            case NOT_CHECKED -> "";
            case NOTHING_MADE -> " This run made nothing on Proxmox VE.";
            case CLUSTER -> left.items().isEmpty() ? " Nothing was left on Proxmox VE (read after the cleanup)."
                    : " Left on Proxmox VE (read after the cleanup): " + items(left, false) + ".";
            case JOURNAL -> " The cluster could not be read after the cleanup (" + left.unreadBecause().orElse("")
                    + "); what this run made and did not remove may still be there: " + items(left, true) + ".";
        };
    }

    private static String items(LeftOnProxmox left, boolean stateUnread) {
        return left.items().stream().map(item -> item(item, stateUnread)).collect(Collectors.joining("; "));
    }

    static String item(LeftOnProxmox.Left left, boolean stateUnread) {
        String why = left.kept() ? ", kept on purpose" : "";
        if (left.resource() instanceof Resource.Vm vm) {
            String destroy = "qm destroy " + vm.vmid() + " --purge --destroy-unreferenced-disks 1";
            boolean mayRun = left.running() || stateUnread && !left.what().contains("template");
            return vm.describe() + " (" + left.what() + why + "; remove it with '"
                    + (mayRun ? "qm stop " + vm.vmid() + " && " : "") + destroy + "' on " + vm.node() + ")";
        }
        Resource.Volume volume = (Resource.Volume) left.resource();
        return volume.describe() + " (" + left.what() + why
                + (left.arriving() ? ", its upload task still running: it may appear; once it has ended, remove it"
                : "; remove it") + " with 'pvesm free " + volume.volid() + "' on " + volume.node() + ")";
    }
}
