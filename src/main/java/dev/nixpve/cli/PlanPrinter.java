package dev.nixpve.cli;

import dev.nixpve.config.Redaction;
import dev.nixpve.event.StepId;
import dev.nixpve.pipeline.ClusterRun;
import dev.nixpve.pipeline.DeployResult;
import dev.nixpve.pipeline.DryRun;
import dev.nixpve.pipeline.PlanningTransport;
import dev.nixpve.pipeline.StepRecord;
import dev.nixpve.pipeline.steps.InstallerImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Prints what a --dry-run found a run would do: the build, whether its template is current, each
 * write call; over several nodes, node by node, with what each node skips and why.
 */
final class PlanPrinter {

    private final PrintWriter out;
    private final Redaction secrets;

    PlanPrinter(PrintWriter out, Redaction secrets) {
        this.out = out;
        this.secrets = secrets;
    }

    void print(DryRun.Plan plan, String node, Path outDir) {
        InstallerImage image = plan.result().image();
        out.println("Dry run: nothing is changed. Build " + image.shortId() + " (" + image.origin() + ")"
                + " on node " + node + "; the run would make these calls:");
        if (plan.result().reused()) {
            out.println("  # template " + plan.result().vmid() + " is already built from build "
                    + image.shortId() + " and verified: nothing to create; the outputs would be rewritten");
        }
        plan.writes().forEach(call -> out.println("  " + call));
        outputs(outDir);
    }

    /** A run over several nodes: the run's own calls, then each node's, or why the node has none. */
    void print(DryRun.ClusterPlan plan, Path outDir) {
        InstallerImage image = plan.result().image();
        List<String> nodes = plan.result().nodes().stream().map(ClusterRun.NodeResult::node).toList();
        out.println("Dry run: nothing is changed. Build " + image.shortId() + " (" + image.origin() + ") once, for "
                + "nodes " + String.join(", ", nodes) + " (a real run builds them at once; the plan lists them one "
                + "after the other); the run would make these calls:");
        plan.writes().stream().filter(call -> call.node().isEmpty()).forEach(call -> out.println("  " + call));
        for (ClusterRun.NodeResult node : plan.result().nodes()) {
            out.println("Node " + node.node() + ":");
            if (node instanceof ClusterRun.Failed failed) {
                out.println("  # the run would fail here: " + secrets.apply(ErrorReporter.describe(failed.failure())));
            } else if (((ClusterRun.Built) node).result().reused()) {
                out.println("  # template " + ((ClusterRun.Built) node).result().vmid() + " is already built from build "
                        + image.shortId() + " and verified: already current, skipped");
            } else {
                uploadSkipped(node.node(), ((ClusterRun.Built) node).result(), plan.writes())
                        .ifPresent(line -> out.println("  # " + line));
            }
            plan.writesOn(node.node()).forEach(call -> out.println("  " + call));
        }
        if (plan.result().nodes().stream().anyMatch(n -> n instanceof ClusterRun.Built)) {
            outputs(outDir);
        }
    }

    /** Why the node uploads nothing: the ISO is on its storage, or goes once to a storage it shares. */
    private static Optional<String> uploadSkipped(String node, DeployResult result, List<PlanningTransport.Call> all) {
        return result.steps().stream().filter(s -> s.step() == StepId.UPLOAD
                && s.outcome() == StepRecord.Outcome.SKIPPED).findFirst().map(skipped -> {
            String storage = skipped.detail().contains(":") ? skipped.detail().substring(0, skipped.detail()
                    .indexOf(':')) : "";
            return all.stream().filter(c -> c.node().filter(n -> !n.equals(node)).isPresent()
                    && c.path().endsWith("/storage/" + storage + "/upload")).findFirst()
                    .map(c -> "no upload: the ISO goes once to " + storage + ", a storage the nodes share, through "
                            + c.node().get() + "'s upload")
                    .orElse("no upload: " + skipped.detail());
        });
    }

    private void outputs(Path outDir) {
        out.println("and write " + outDir.resolve("template.auto.tfvars.json") + ", templates.json and "
                + "build-report.json.");
    }
}
