package dev.nixpve.cli;

import dev.nixpve.config.Redaction;
import dev.nixpve.pipeline.PruneRun;
import dev.nixpve.pipeline.RunLockedException;
import dev.nixpve.proxmox.model.ProxmoxException;
import dev.nixpve.proxmox.model.PveApiException;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints what {@code templates prune} did, and picks its exit code. On one node, as always: what
 * went, what was kept and why, and a lock or a failure is the command's error. On several, every
 * line names its node, and a node that was not pruned (offline, not answering, held by a build)
 * gets a line of its own while the others are reported: exit 1 if a node failed, else 3 if one was
 * held by a build.
 */
final class PrunePrinter {

    private final PrintWriter out;
    private final Redaction secrets;
    private final boolean dryRun;
    private final boolean several;

    PrunePrinter(CliContext context, boolean dryRun, boolean several) {
        this.out = context.out();
        this.secrets = context.secrets().redaction();
        this.dryRun = dryRun;
        this.several = several;
    }

    /** {@code offline}: nodes named explicitly that are offline, so they were not tried. */
    int print(PruneRun.Result result, List<String> offline) throws RunLockedException {
        if (!several && result.nodes().size() == 1) {
            PruneRun.NodeResult only = result.nodes().get(0);
            if (only instanceof PruneRun.Locked locked) {
                throw locked.lock();
            }
            if (only instanceof PruneRun.Failed failed) {
                throw failed.failure();
            }
        }
        int exit = ExitCodes.OK;
        for (PruneRun.NodeResult node : result.nodes()) {
            String prefix = several ? node.node() + ": " : "";
            if (node instanceof PruneRun.Pruned pruned) {
                pruned(prefix, pruned);
            } else if (node instanceof PruneRun.Locked locked) {
                out.println(prefix + "not pruned. " + secrets.apply(ErrorReporter.describe(locked.lock())));
                exit = exit == ExitCodes.OK ? ExitCodes.LOCKED : exit;
            } else {
                out.println(prefix + "not pruned. " + secrets.apply(failure(((PruneRun.Failed) node).failure())));
                exit = ExitCodes.FAILURE;
            }
        }
        for (String node : offline) {
            out.println(node + ": not pruned. The node is offline. Hint: prune it once it is back ('nixpve pve "
                    + "check --node " + node + "' says when); its templates stay as they are until then.");
            exit = ExitCodes.FAILURE;
        }
        return exit;
    }

    private void pruned(String prefix, PruneRun.Pruned pruned) {
        if (pruned.removed().isEmpty()) {
            out.println(prefix + "Nothing to remove" + (dryRun ? " (dry run)." : "."));
        }
        String verb = dryRun ? "would remove " : "removed ";
        pruned.removed().forEach(r -> out.println(prefix + verb + r));
        pruned.kept().forEach(k -> out.println(prefix + "kept " + k));
    }

    private static String failure(ProxmoxException failure) {
        if (failure instanceof PveApiException api && api.kind() == PveApiException.Kind.PROXY) {
            return "The node does not answer (" + api.getMessage() + "). Hint: check that it is up and in the "
                    + "cluster ('pvecm status'), then prune it again; what was removed before it stopped answering "
                    + "is in the journal, the rest stays until then.";
        }
        return ErrorReporter.describe(failure);
    }
}
