package dev.nixpve.cli;

import dev.nixpve.pipeline.steps.PveCheckReport;
import dev.nixpve.pipeline.steps.PveCheckReport.PrivilegeCheck;
import dev.nixpve.proxmox.model.NodeInfo;
import dev.nixpve.proxmox.model.StorageInfo;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Prints a {@link PveCheckReport} as an aligned plain-text report. */
final class CheckReportPrinter {

    private final PrintWriter out;

    CheckReportPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(PveCheckReport report, URI endpoint) {
        out.printf("Proxmox VE %s at %s, authenticated as %s%n", report.version().version(), endpoint,
                report.identity());
        out.println();
        out.println("Nodes:");
        for (NodeInfo node : report.nodes()) {
            out.printf("  %-12s %-8s %s%s%n", node.name(), node.status(),
                    node.sslFingerprint().map(f -> "certificate " + f).orElse(""),
                    node.name().equals(report.targetNode()) ? "  (target)" : "");
        }
        out.println();
        printStorages(report);
        out.println();
        printPrivileges(report.privileges());
        out.println();
        printAdvisories(report.advisories());
        report.problems().forEach(problem -> out.println("Problem: " + problem));
        List<PrivilegeCheck> missing = report.missing();
        if (report.ok()) {
            out.println("Result: OK - this cluster is ready for nixpve.");
        } else if (!missing.isEmpty()) {
            out.printf("Result: %d privilege%s missing: %s. Grant them to the token's role (see README, "
                            + "'Create a least-privilege API token'), e.g. pveum role modify NixPVE --append 1 "
                            + "--privs \"%s\"%n", missing.size(), missing.size() == 1 ? "" : "s",
                    String.join(", ", missing.stream().map(p -> p.requirement().privilegeName() + " on "
                            + p.requirement().aclPath()).toList()),
                    String.join(",", new TreeSet<>(missing.stream().map(p -> p.requirement().anyOf().get(0)).toList())));
        } else {
            out.println("Result: FAILED - see the problems above.");
        }
        out.flush();
    }

    private void printStorages(PveCheckReport report) {
        if (report.storages().isEmpty()) {
            out.println("Storages on " + report.targetNode() + ": none visible");
            return;
        }
        out.println("Storages on " + report.targetNode() + ":");
        for (StorageInfo s : report.storages()) {
            out.printf("  %-14s %-8s %-28s %s free of %s%s%n", s.storage(), s.type(),
                    String.join(",", new TreeSet<>(s.content())), Bytes.format(s.available()),
                    Bytes.format(s.total()), s.active() ? "" : "  (inactive)");
        }
    }

    private void printPrivileges(List<PrivilegeCheck> checks) {
        out.println("Privileges the pipeline needs:");
        checks.forEach(check -> printCheck(check, "MISSING"));
    }

    /** Absent, not missing: whether Terraform needs them depends on where the user places VMs. */
    private void printAdvisories(List<PrivilegeCheck> advisories) {
        if (advisories.isEmpty()) {
            return;
        }
        out.println("Privileges Terraform may need (advisory, the build does not use them):");
        advisories.forEach(check -> printCheck(check, "absent"));
        out.println();
    }

    private void printCheck(PrivilegeCheck check, String notGranted) {
        out.printf("  %-8s %-34s %-44s %s%n", check.granted() ? "ok" : notGranted, check.requirement().aclPath(),
                check.requirement().privilegeName(), check.requirement().purpose().toLowerCase(Locale.ROOT));
    }
}
