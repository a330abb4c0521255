package dev.nixpve.cli;

import dev.nixpve.monitor.InstallFailedException;
import dev.nixpve.pipeline.steps.Journal;
import dev.nixpve.pipeline.PipelineException;
import dev.nixpve.pipeline.RunLockedException;
import dev.nixpve.pipeline.steps.StepFailure;
import java.util.List;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.Redaction;
import dev.nixpve.nix.IsoBuildException;
import dev.nixpve.nix.RenderException;
import dev.nixpve.proxmox.model.PveApiException;
import dev.nixpve.proxmox.model.PveConnectionException;
import dev.nixpve.proxmox.model.PveTaskFailedException;
import dev.nixpve.proxmox.model.PveTimeoutException;
import dev.nixpve.proxmox.model.PveUnreadableAnswerException;
import dev.nixpve.proxmox.model.TaskLogLine;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The CLI edge where a failure becomes one paragraph: what failed, then "Hint:" and what to do.
 * Stack traces only with --verbose. Messages come from exceptions that never hold secrets; should
 * one slip through anyway (a PVE message or a proxy's page quoting a request), every secret the
 * command knows of is masked: the environment's and the loaded configuration's.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    private final CliContext context;

    ErrorReporter(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine, CommandLine.ParseResult parsed) {
        Redaction secrets = context.secrets().redaction();
        context.err().println("error: " + Terminal.oneLine(secrets.apply(describe(error))));
        if (error instanceof IsoBuildException build && !build.logTail().isEmpty() && !context.verbose().get()) {
            context.err().println("Last lines of the build log:");
            build.logTail().forEach(line -> context.err().println("  " + Terminal.oneLine(secrets.apply(line))));
        }
        if (context.verbose().get()) {
            java.io.StringWriter trace = new java.io.StringWriter();
            error.printStackTrace(new java.io.PrintWriter(trace));
            context.err().print(secrets.apply(trace.toString())); // a cause's message may quote what PVE echoed
        }
        context.err().flush();
        if (error instanceof RunLockedException) {
            return ExitCodes.LOCKED;
        }
        boolean usage = error instanceof ConfigException || error instanceof UsageException || error instanceof RenderException r && r.refused();
        if (error instanceof PipelineException && Signals.received().isPresent()) {
            return Signals.exitCode(Signals.received().get());
        }
        return usage ? ExitCodes.USAGE : ExitCodes.FAILURE;
    }

    static String describe(Throwable error) {
        if (error instanceof RunLockedException locked) {
            return locked.getMessage().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                    + locked.getMessage().substring(1) + ". Hint: let it finish, or stop it (systemctl stop, Ctrl-C); "
                    + "a run that died holds no lock, and the next run cleans up after it.";
        }
        if (error instanceof ConfigException config) {
            return ConfigHints.describe(config);
        }
        if (error instanceof RenderException render) {
            return BuildHints.describe(render);
        }
        if (error instanceof IsoBuildException build) {
            return BuildHints.describe(build);
        }
        if (error instanceof UsageException) {
            return error.getMessage();
        }
        if (error instanceof PipelineException e && Signals.received().isPresent()) {
            return "stopped by " + Signals.received().get() + " during step '" + e.step() + "'" + cleanup(e.cleanup())
                    + " Hint: a second signal stops at once and leaves the cleanup to the next run's recovery.";
        }
        if (error instanceof PipelineException e) {
            return "Step '" + e.step() + "' failed: " + describe(e.getCause()) + cleanup(e);
        }
        if (error instanceof StepFailure e) {
            return e.getMessage() + ". Hint: " + Remedies.of(e) + ".";
        }
        if (error instanceof InstallFailedException e) {
            return e.getMessage() + (e.logTail().isEmpty() ? "" : ". Installer log: "
                    + String.join(" | ", e.logTail().subList(Math.max(0, e.logTail().size() - 10),
                    e.logTail().size()))) + ". Hint: " + Remedies.of(e) + ".";
        }
        if (error instanceof PveConnectionException e) {
            return connection(e);
        }
        if (error instanceof PveApiException e) {
            return api(e);
        }
        if (error instanceof PveTaskFailedException e) {
            return task(e);
        }
        if (error instanceof PveUnreadableAnswerException e) {
            return e.getMessage() + ". Hint: something between nixpve and pveproxy (an HTTP proxy, a captive portal, "
                    + "a load balancer's error page) answered instead of PVE; point PROXMOX_VE_ENDPOINT or "
                    + "proxmox.endpoint at the node itself (https://HOST:8006/).";
        }
        if (error instanceof PveTimeoutException e) {
            return e.getMessage() + ". Hint: the node may be overloaded or the task stuck; look at the task in the "
                    + "PVE web UI (Datacenter > Tasks).";
        }
        return "nixpve failed unexpectedly: " + error + ". Hint: run again with --verbose for the stack trace, "
                + "and report it if it persists.";
    }

    /**
     * What the failed run's cleanup removed or kept, then what a read of the cluster after it found,
     * so the operator knows the cluster's state without looking.
     */
    private static String cleanup(PipelineException e) {
        return cleanup(e.cleanup()) + LeftoversText.of(e.left());
    }

    private static String cleanup(List<Journal.Entry> entries) {
        if (entries.isEmpty()) {
            return "";
        }
        return " Cleanup: " + entries.stream().map(e -> switch (e.action()) {
            case REMOVED -> "removed " + e.what();
            case KEPT -> "kept " + e.what() + " (--keep-failed, tagged failed)";
            case LEFT_BEHIND -> "LEFT BEHIND " + e.what();
            case CREATED -> "created " + e.what();
            case ADOPTED -> "adopted " + e.what();
        }).collect(Collectors.joining("; ")) + ".";
    }

    private static String connection(PveConnectionException e) {
        String where = "Proxmox VE at " + e.endpoint();
        String presented = e.presentedFingerprint().orElse("unknown");
        return switch (e.kind()) {
            case UNREACHABLE -> "Cannot reach " + where + " (" + detail(e) + ")" + ". Hint: check PROXMOX_VE_ENDPOINT or proxmox.endpoint (https://HOST:8006/), that the node is up "
                    + "and pveproxy listens on port 8006, and that no firewall blocks the way.";
            case TIMEOUT -> where + " accepted the connection but did not answer in time (" + detail(e) + ")"
                    + ". Hint: check the node's load, or raise proxmox.requestTimeout.";
            case UNTRUSTED_CERTIFICATE -> where + " presented a certificate this machine does not trust ("
                    + detail(e) + "). Hint: PVE signs its certificate with its own cluster CA. Pin it with "
                    + "PROXMOX_VE_FINGERPRINT=" + presented + " after comparing it with 'pvenode cert info' on the "
                    + "node, or set proxmox.caFile to a copy of /etc/pve/pve-root-ca.pem.";
            case FINGERPRINT_MISMATCH -> "The certificate of " + where + " does not match the pinned fingerprint: "
                    + detail(e) + ". Hint: if the node's certificate was renewed, compare with 'pvenode cert info' on "
                    + "the node and update PROXMOX_VE_FINGERPRINT; otherwise you may be talking to a different host, "
                    + "so do not go on.";
            case PROTOCOL -> "Could not talk to " + where + " (" + detail(e) + "). Hint: check that the endpoint is "
                    + "the PVE API (https://HOST:8006/) and not another service.";
            case CUT_OFF -> e.operation() + " was cut off: the connection to " + where + " ended before a whole "
                    + "answer came (" + detail(e) + "). Hint: when it happens again, look for what ends connections "
                    + "between here and the node: a proxy or load balancer with a time or size limit, a flaky link.";
        };
    }

    private static String detail(PveConnectionException e) {
        return e.detail();
    }

    private static String api(PveApiException e) {
        String about = e.resource().describe();
        String what = e.operation() + (about.isEmpty() ? "" : " (" + about + ")");
        return switch (e.kind()) {
            case AUTHENTICATION -> "Proxmox VE rejected " + e.identity() + " (HTTP 401 " + e.pveMessage() + ")."
                    + " Hint: " + (e.identity().startsWith("API token")
                    ? "check PROXMOX_VE_API_TOKEN, written user@realm!tokenid=secret; 'pveum user token list USER' on "
                    + "the node lists the user's tokens, and the README shows how to create one."
                    : "check PROXMOX_VE_USERNAME (with its realm, e.g. root@pam) and PROXMOX_VE_PASSWORD.");
            case PERMISSION -> what + " was refused: " + e.identity() + " lacks "
                    + e.missingPrivilege().map(p -> p.privilege() + " on " + p.path()).orElse("a privilege")
                    + " (" + e.pveMessage() + "). Hint: run 'nixpve pve check' to list every missing privilege, "
                    + "and grant them as the README's 'Create a least-privilege API token' shows.";
            case NOT_FOUND -> what + " failed: " + e.pveMessage() + ". Hint: check the node, storage and VM ids in "
                    + "the configuration against 'nixpve pve check'.";
            case INVALID_PARAMETER -> e.getMessage() + ". Hint: this is a value PVE refused; check the matching key "
                    + "in nixpve.yaml.";
            case LOCKED -> what + " failed: " + e.pveMessage() + ". Hint: another task holds the VM; wait for it, or "
                    + "clear a stale lock with 'qm unlock VMID' on the node.";
            // pveproxy forwards a call for another node with AnyEvent::HTTP (pve-http-server
            // src/PVE/APIServer/AnyEvent.pm), whose own 59x statuses say it got no answer from there.
            case PROXY -> e.getMessage() + ". Hint: " + e.resource().node().map(n -> "node " + n).orElse("the node")
                    + " does not answer the node you connect to, which forwards the call: check that it is up and "
                    + "reachable on the cluster network; 'pvecm status' on a node that answers shows the cluster's "
                    + "view.";
            default -> e.getMessage() + ". Hint: look at the node's syslog or the task list in the PVE web UI.";
        };
    }

    private static String task(PveTaskFailedException e) {
        String tail = e.logTail().stream().map(TaskLogLine::text).filter(t -> !t.isBlank())
                .collect(Collectors.joining(" | "));
        String hint = e.exitStatus().startsWith("checksum mismatch")
                ? "the file arrived damaged (PVE's sha256 differs); run again to upload it anew."
                : "the task log above says why; the full log is in the PVE web UI under the node's Task History.";
        return e.getMessage() + (tail.isEmpty() ? "" : ". Task log: " + tail) + ". Hint: " + hint;
    }
}
