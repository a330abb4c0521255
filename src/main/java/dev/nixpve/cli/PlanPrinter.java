package dev.nixpve.cli;

import dev.nixpve.pipeline.DryRun;
import dev.nixpve.pipeline.steps.InstallerImage;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Prints what a --dry-run found a run would do: the build, whether its template is current, each write call. */
final class PlanPrinter {

    private final PrintWriter out;

    PlanPrinter(PrintWriter out) {
        this.out = out;
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
        out.println("and write " + outDir.resolve("template.auto.tfvars.json") + ", templates.json and "
                + "build-report.json.");
    }
}
