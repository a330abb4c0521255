package dev.nixpve.cli;

import dev.nixpve.config.Redaction;
import dev.nixpve.emit.BuildReport;
import dev.nixpve.emit.TemplateManifest;
import dev.nixpve.emit.TfvarsWriter;
import dev.nixpve.pipeline.ClusterRun;
import dev.nixpve.pipeline.DeployResult;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The closing lines of a successful run: which template to use and where the outputs are; over
 * several nodes, why a node failed, with the command's secrets masked as the error reporter masks them.
 */
final class DeploySummary {

    private final PrintWriter out;
    private final Redaction secrets;

    DeploySummary(PrintWriter out, Redaction secrets) {
        this.out = out;
        this.secrets = secrets;
    }

    void print(DeployResult result, Path outDir) {
        out.println();
        out.println(templateLine(result) + ".");
        result.smokeTestIpv4().ifPresent(ip -> out.println("Smoke test: a clone booted and got " + ip + "."));
        outputs(outDir);
    }

    /** A run over several nodes: a line per node (its template, or why it failed), then the outputs. */
    void print(ClusterRun.Result result, Path outDir) {
        out.println();
        for (ClusterRun.NodeResult node : result.nodes()) {
            if (node instanceof ClusterRun.Built built) {
                out.println(node.node() + ": " + templateLine(built.result())
                        + built.result().smokeTestIpv4().map(ip -> "; a smoke-test clone got " + ip).orElse("") + ".");
            } else {
                ClusterRun.Failed failed = (ClusterRun.Failed) node;
                out.println(failed.templateHome().map(home -> node.node() + ": failed: the template on shared storage "
                        + "that serves it was built on " + home + ", and failed (see " + home + ").")
                        .orElseGet(() -> node.node() + ": failed. "
                                + secrets.apply(ErrorReporter.describe(failed.failure()))));
            }
        }
        result.publishFailure().ifPresent(why -> out.println("The outputs were not written: " + secrets.apply(why)
                + "."));
        if (result.publishFailure().isEmpty() && result.nodes().stream().anyMatch(n -> n instanceof ClusterRun.Built)) {
            outputs(outDir);
        }
    }

    private static String templateLine(DeployResult result) {
        return (result.reused() ? "Unchanged: template " : "Published template ") + result.vmid() + " ("
                + result.templateName() + ") on " + result.node() + ", build " + result.image().shortId()
                + result.image().nixpkgsRevision().map(r -> ", nixpkgs " + (r.matches("[0-9a-f]{40}")
                ? r.substring(0, 12) : r)).orElse("");
    }

    private void outputs(Path outDir) {
        out.println("Terraform: " + outDir.resolve(TfvarsWriter.FILE_NAME));
        out.println("Manifest:  " + outDir.resolve(TemplateManifest.FILE_NAME));
        out.println("Report:    " + outDir.resolve(BuildReport.FILE_NAME));
        out.flush();
    }
}
