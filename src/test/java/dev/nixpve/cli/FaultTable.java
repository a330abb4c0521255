package dev.nixpve.cli;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The fault table: each row a set of simulator faults ({@code --fault} specs) and what a whole
 * {@code build-and-deploy-template} run against them must end with. {@link FaultTableCliTest}
 * runs every row; {@code docs/reliability.md}'s "## Faults" section is {@link #markdown()}.
 */
final class FaultTable {

    /** What the run leaves for Terraform. */
    enum Outcome {
        PUBLISHED("published"), FAILED_TEMPLATE_KEPT("failed template kept"),
        /** A template neither verified nor tagged failed: never current, never published. */
        UNVERIFIED_TEMPLATE_LEFT("unverified template left"), NOTHING("nothing");

        final String words;

        Outcome(String words) {
            this.words = words;
        }
    }

    /**
     * {@code vmsLeft}: VMs other than a published or kept template; {@code isosLeft}: ISOs on the
     * storage (a published build's ISO stays, as the next run's cache); {@code firstLine}: how the
     * error's first line starts ("" for a run that succeeds). {@code behaviour}: the row in words.
     */
    record Row(String name, List<String> faults, int exit, Outcome outcome, int vmsLeft, int isosLeft,
               String firstLine, String behaviour) {

        String testName() {
            return "FaultTableCliTest[" + name + "]";
        }
    }

    /**
     * A run over two nodes, pve1 and pve2, one after the other ({@code target.parallelism: 1}, so
     * one fake clock serves both), of a cluster of three (with two, one node down takes the
     * cluster's quorum, and /etc/pve turns read-only on the other too): pve1 publishes, pve2 fails
     * with {@code firstLine} (how its line goes on after "pve2: failed. ") and leaves
     * {@code vmsLeft} VMs on pve2.
     */
    record NodeRow(String name, List<String> faults, String firstLine, int vmsLeft, String behaviour) {

        String testName() {
            return "FaultTableCliTest[two nodes: " + name + "]";
        }
    }

    private static final String OK = "";
    static final String STORAGE_LOCK_TIMEOUT = "can't lock file '/var/lock/pve-manager/pve-storage-local-lvm' - got "
            + "timeout";

    private static Row survived(String name, String fault, String behaviour) {
        return new Row(name, List.of(fault), 0, Outcome.PUBLISHED, 0, 1, OK, behaviour);
    }

    static final List<Row> ROWS = List.of(
            // One-off faults: every one survived, each retry one warning.
            survived("500 once on GET version", "http-500=GET:/version:1", "read retried after 1s"),
            survived("500 once on GET cluster/resources", "http-500=GET:/cluster/resources:1",
                    "read retried after 1s"),
            survived("500 once on GET storage content", "http-500=GET:/nodes/*/storage/*/content:1",
                    "read retried after 1s"),
            survived("500 once on GET status/current", "http-500=GET:/nodes/*/qemu/*/status/current:1",
                    "read retried after 1s"),
            survived("500 once on GET qemu config", "http-500=GET:/nodes/*/qemu/*/config:1",
                    "read retried after 1s"),
            survived("500 once on GET task status", "http-500=GET:/nodes/*/tasks/*/status:1",
                    "read retried until the task's outcome is known"),
            survived("500 once on GET agent file-read", "http-500=GET:/nodes/*/qemu/*/agent/file-read:1",
                    "the install monitor looks again"),
            survived("500 once on GET agent network-get-interfaces",
                    "http-500=GET:/nodes/*/qemu/*/agent/network-get-interfaces:1", "the smoke test looks again"),
            survived("500 once on POST upload", "http-500=POST:/nodes/*/storage/*/upload:1",
                    "uploaded again from the start, same sha256"),
            survived("connection reset once during the upload", "upload-reset=1",
                    "uploaded again from the start, same sha256"),
            survived("500 once on POST qemu (create)", "http-500=POST:/nodes/*/qemu:1",
                    "created again after seeing VM 9100 does not exist"),
            survived("500 once on POST config", "http-500=POST:/nodes/*/qemu/*/config:1",
                    "the same config change sent again"),
            survived("500 once on POST status/start", "http-500=POST:/nodes/*/qemu/*/status/start:1",
                    "started again after seeing the VM stopped"),
            survived("500 once on POST template", "http-500=POST:/nodes/*/qemu/*/template:1",
                    "converted again after seeing it is no template yet"),
            survived("500 once on POST clone", "http-500=POST:/nodes/*/qemu/*/clone:1",
                    "cloned again after seeing VM 9101 does not exist"),
            survived("500 once on POST status/stop", "http-500=POST:/nodes/*/qemu/*/status/stop:1",
                    "stopped again after seeing the clone still runs"),
            survived("500 once on DELETE qemu", "http-500=DELETE:/nodes/*/qemu/*:1",
                    "destroyed again after seeing the clone still exists"),
            survived("nextid race", "nextid-race", "the next free VMID is taken"),
            // A cleanup that keeps failing does not cost the template that passed its smoke test.
            new Row("500 always on DELETE qemu", List.of("http-500=DELETE:/nodes/*/qemu/*"), 0, Outcome.PUBLISHED,
                    1, 1, OK, "published; the smoke-test clone is reported left"),
            new Row("500 always on POST status/stop", List.of("http-500=POST:/nodes/*/qemu/*/status/stop"), 0,
                    Outcome.PUBLISHED, 1, 1, OK, "published; the smoke-test clone is reported left"),
            // Every other call the pipeline makes, failing every time: each read or write tried 3
            // times in all, then the run fails in the step that needed it and removes what it made.
            always("GET", "/version", "preflight", Outcome.NOTHING, 0, 0, "GET /version failed: ",
                    "refused by preflight; nothing made"),
            always("GET", "/nodes", "preflight", Outcome.NOTHING, 0, 0, "GET /nodes failed: ",
                    "refused by preflight; nothing made"),
            always("GET", "/nodes/*/storage", "preflight", Outcome.NOTHING, 0, 0,
                    "GET /nodes/pve1/storage failed (node pve1): ", "refused by preflight; nothing made"),
            always("GET", "/nodes/*/network", "preflight", Outcome.NOTHING, 0, 0,
                    "GET /nodes/pve1/network failed (node pve1): ", "refused by preflight; nothing made"),
            always("GET", "/cluster/sdn/vnets/*", "preflight", Outcome.NOTHING, 0, 0,
                    "GET /cluster/sdn/vnets/vmbr0 failed: ", "refused by preflight; nothing made"),
            always("GET", "/cluster/resources", "preflight", Outcome.NOTHING, 0, 0, "GET /cluster/resources failed: ",
                    "refused by preflight; nothing made"),
            always("GET", "/access/permissions", "preflight", Outcome.NOTHING, 0, 0,
                    "GET /access/permissions failed: ", "refused by preflight; nothing made"),
            always("GET", "/nodes/*/storage/*/content", "upload", Outcome.NOTHING, 0, 0,
                    "GET /nodes/pve1/storage/local/content failed (storage local on node pve1): ",
                    "the look for a cached ISO fails, blamed on the upload (it was 'start' before); nothing made"),
            always("GET", "/nodes/*/tasks/*/status", "finalize", Outcome.NOTHING, 0, 1,
                    "GET /nodes/pve1/tasks/UPID:pve1:", "the upload, create and start confirmed by looking; the first "
                            + "config change cannot be: the VM removed, the ISO kept"),
            new Row("500 always on GET agent file-read", List.of("http-500=GET:/nodes/*/qemu/*/agent/file-read"), 0,
                    Outcome.PUBLISHED, 0, 1, OK, "no progress read: the install taken as done when the VM powers off, "
                    + "unconfirmed; the smoke test proves it"),
            always("GET", "/nodes/*/qemu/*/status/current", "install", Outcome.NOTHING, 1, 1,
                    "GET /nodes/pve1/qemu/9100/status/current failed (VM 9100 on node pve1): ",
                    "the running installer VM cannot be stopped (its state is unreadable): listed with 'qm stop'"),
            new Row("500 always on GET agent network-get-interfaces",
                    List.of("http-500=GET:/nodes/*/qemu/*/agent/network-get-interfaces"), 1,
                    Outcome.FAILED_TEMPLATE_KEPT, 0, 1, "Step 'smoke-test' failed: the smoke-test clone VM 9101 on "
                    + "bridge vmbr0 did not report an IPv4 address through its guest agent within 10m "
                    + "(verify.timeout); the last look: GET /nodes/pve1/qemu/9101/agent/network-get-interfaces failed",
                    "looked for 10m, then the clone removed and the template tagged failed; the error says the reads "
                            + "failed (it blamed DHCP before)"),
            always("GET", "/nodes/*/qemu/*/config", "finalize", Outcome.NOTHING, 0, 1,
                    "GET /nodes/pve1/qemu/9100/config failed (VM 9100 on node pve1): ", "the VM removed; the ISO kept"),
            always("POST", "/nodes/*/storage/*/upload", "upload", Outcome.NOTHING, 0, 0,
                    "POST /nodes/pve1/storage/local/upload failed (storage local on node pve1): ",
                    "sent 3 times, then nothing made"),
            always("POST", "/nodes/*/qemu", "create-vm", Outcome.NOTHING, 0, 1,
                    "POST /nodes/pve1/qemu failed (VM 9100 on node pve1): ", "tried 3 times; nothing made but the ISO"),
            always("POST", "/nodes/*/qemu/*/status/start", "start", Outcome.NOTHING, 0, 1,
                    "POST /nodes/pve1/qemu/9100/status/start failed (VM 9100 on node pve1): ",
                    "tried 3 times; the VM removed, the ISO kept"),
            always("POST", "/nodes/*/qemu/*/config", "finalize", Outcome.NOTHING, 0, 1,
                    "POST /nodes/pve1/qemu/9100/config failed (VM 9100 on node pve1): ",
                    "tried 3 times; the VM removed, the ISO kept"),
            always("POST", "/nodes/*/qemu/*/template", "finalize", Outcome.NOTHING, 0, 1,
                    "POST /nodes/pve1/qemu/9100/template failed (VM 9100 on node pve1): ",
                    "tried 3 times; the VM removed, the ISO kept"),
            always("POST", "/nodes/*/qemu/*/clone", "smoke-test", Outcome.FAILED_TEMPLATE_KEPT, 0, 1,
                    "POST /nodes/pve1/qemu/9100/clone failed (VM 9100 on node pve1): ",
                    "tried 3 times; the template kept, tagged failed, never published"),
            // Repeated connection resets: the upload is sent at most 3 times.
            new Row("connection reset twice during the upload", List.of("upload-reset=2"), 0, Outcome.PUBLISHED, 0, 1,
                    OK, "uploaded a third time from the start, same sha256"),
            new Row("connection reset on all 3 uploads", List.of("upload-reset=3"), 1, Outcome.NOTHING, 0, 0,
                    "Step 'upload' failed: POST /nodes/pve1/storage/local/upload was cut off: the connection to "
                            + "Proxmox VE at ", "nothing made; the error says the upload was cut off (it said to "
                            + "check the endpoint is the PVE API before)"),
            new Row("connection reset on more uploads than are sent", List.of("upload-reset=5"), 1, Outcome.NOTHING, 0,
                    0, "Step 'upload' failed: POST /nodes/pve1/storage/local/upload was cut off", "as above: "
                            + "no fourth try"),
            // Faults no retry heals: the run fails, removes what it made, and reports what a read finds.
            new Row("install fails", List.of("install-fail"), 1, Outcome.NOTHING, 0, 1,
                    "Step 'install' failed: the installer failed: injected failure in phase install",
                    "the installer VM removed; the ISO kept for the next run, and said so"),
            new Row("storage full", List.of("storage-full=local-lvm"), 1, Outcome.NOTHING, 0, 0,
                    "Step 'preflight' failed: Proxmox VE is not ready for this build: storage 'local-lvm' has 0 GiB "
                            + "free", "refused by preflight; nothing made"),
            new Row("agent silent", List.of("agent-silent"), 1, Outcome.FAILED_TEMPLATE_KEPT, 0, 1,
                    "Step 'smoke-test' failed: the smoke-test clone VM 9101 on bridge vmbr0 did not report an IPv4 "
                            + "address", "the clone removed; the template kept, tagged failed, never published"),
            new Row("install hangs", List.of("install-hang"), 1, Outcome.NOTHING, 0, 1,
                    "Step 'install' failed: the installer stayed in phase 'install' longer than 30m",
                    "the installer VM removed after install.phaseTimeout; the ISO kept"),
            new Row("template task fails", List.of("task-fail=qmtemplate"), 1, Outcome.NOTHING, 0, 1,
                    "Step 'finalize' failed: task qmtemplate 9100 on node pve1 failed",
                    "the VM removed, the task's log in the error; the ISO kept"),
            new Row("smoke-test clone task fails", List.of("task-fail=qmclone"), 1, Outcome.FAILED_TEMPLATE_KEPT, 0,
                    1, "Step 'smoke-test' failed: task qmclone 9100 on node pve1 failed",
                    "the template kept, tagged failed, never published"),
            // Each task type the pipeline starts, failing.
            taskFails("imgcopy", "upload", "task imgcopy on node pve1 failed", Outcome.NOTHING, 0, 0,
                    "PVE did not keep the file; nothing made"),
            taskFails("qmcreate", "create-vm", "task qmcreate 9100 on node pve1 failed", Outcome.NOTHING, 0, 1,
                    "PVE rolled the VM back; the ISO kept"),
            taskFails("qmstart", "start", "task qmstart 9100 on node pve1 failed", Outcome.NOTHING, 0, 1,
                    "the VM removed; the ISO kept"),
            taskFails("qmconfig", "finalize", "task qmconfig 9100 on node pve1 failed", Outcome.NOTHING, 0, 1,
                    "the first async config change (finalize's) fails: the VM removed; the ISO kept"),
            new Row("qmstop task fails", List.of("task-fail=qmstop"), 0, Outcome.PUBLISHED, 1, 1, OK,
                    "published; the smoke-test clone, still running, is reported left"),
            new Row("qmdestroy task fails", List.of("task-fail=qmdestroy"), 0, Outcome.PUBLISHED, 1, 1, OK,
                    "published; the smoke-test clone is reported left"),
            // The installer failing in each of its phases.
            installFails("guard"),
            installFails("partition"),
            installFails("format"),
            installFails("bootloader"),
            new Row("install fails, agent silent", List.of("agent-silent", "install-fail"), 1,
                    Outcome.FAILED_TEMPLATE_KEPT, 0, 1, "Step 'smoke-test' failed: the smoke-test clone VM 9101 on "
                    + "bridge vmbr0 did not report an IPv4 address",
                    "the power-off cannot be told from success: finalized, unconfirmed; the smoke test fails it, "
                            + "the template kept, tagged failed"),
            new Row("install hangs, agent silent", List.of("agent-silent", "install-hang"), 1, Outcome.NOTHING, 0, 1,
                    "Step 'install' failed: the install did not finish within 45m (install.timeout); the installer "
                            + "never reported progress", "the power state watched until install.timeout; the "
                            + "installer VM removed, the ISO kept"),
            // A config lock another task holds (a backup job that takes every VM, say) on a VM the run needs.
            new Row("installer VM locked (backup)", List.of("lock=9100:backup"), 1, Outcome.NOTHING, 1, 1,
                    "Step 'start' failed: task qmstart 9100 on node pve1 failed: VM is locked (backup)",
                    "never retried; the VM cannot be destroyed while locked: left, and listed"),
            // A storage lock another process holds past lock_file's 10 s (pve-common Tools.pm
            // lock_file_full; pve-storage Plugin.pm cluster_lock_storage around vdisk_alloc).
            new Row("local-lvm's storage lock held through every create",
                    List.of("task-fail=qmcreate:" + STORAGE_LOCK_TIMEOUT), 1, Outcome.NOTHING, 0, 1,
                    "Step 'create-vm' failed: task qmcreate 9100 on node pve1 failed: " + STORAGE_LOCK_TIMEOUT,
                    "a lock timeout passes: the create tried 3 times (PVE rolled each back), then nothing made but "
                            + "the ISO"),
            new Row("smoke-test clone locked (backup)", List.of("lock=9101:backup"), 1, Outcome.FAILED_TEMPLATE_KEPT, 1,
                    1, "Step 'smoke-test' failed: POST /nodes/pve1/qemu/9101/config (VM 9101 on node pve1) failed: "
                    + "VM is locked (backup)", "the template kept, tagged failed; the clone left and listed as the "
                    + "smoke-test clone (it was 'unverified template' before)"),
            // The token expires in each step; the cleanup cannot read or remove anything after it,
            // so the report lists what the journal made and did not remove, each named for what it is.
            expired("preflight", "after:GET:/version", Outcome.NOTHING, 0, 0, "preflight",
                    "nothing made, and said so"),
            expired("upload", "1", Outcome.NOTHING, 0, 1, "upload",
                    "the ISO whose upload was under way listed as maybe there"),
            expired("create-vm", "2", Outcome.NOTHING, 1, 1, "create-vm",
                    "the installer VM whose create was under way listed"),
            expired("start", "4", Outcome.NOTHING, 1, 1, "start", "the installer VM listed, left behind"),
            expired("install", "30", Outcome.NOTHING, 1, 1, "install", "the running installer VM listed"),
            expired("finalize, before the conversion", "76", Outcome.NOTHING, 1, 1, "finalize",
                    "the installer VM listed as such"),
            expired("finalize, once the conversion is asked", "after:POST:/nodes/*/qemu/*/template",
                    Outcome.NOTHING, 1, 1, "finalize", "listed as an installer VM whose conversion was under way"),
            expired("smoke-test", "100", Outcome.UNVERIFIED_TEMPLATE_LEFT, 1, 1, "smoke-test",
                    "the template listed as an unverified template, the clone as the smoke-test clone"),
            expired("the verified mark", "150", Outcome.UNVERIFIED_TEMPLATE_LEFT, 0, 1, "smoke-test",
                    "the smoke test's mark fails: the template listed as an unverified template, not an installer "
                            + "VM"),
            new Row("token expires in retention", List.of("token-expire=after:GET:/cluster/resources:8"), 0,
                    Outcome.PUBLISHED, 0, 1, OK, "published: the template is verified; retention's failure is a "
                    + "warning, the older templates stay until retention runs again"),
            new Row("token expires after the last call", List.of("token-expire=after:GET:/nodes/*/storage/*/content:2"),
                    0, Outcome.PUBLISHED, 0, 1, OK, "published: publishing makes no call to Proxmox VE")
    );

    private static Row always(String method, String path, String step, Outcome outcome, int vmsLeft,
                              int isosLeft, String failed, String behaviour) {
        return new Row("500 always on " + method + " " + path, List.of("http-500=" + method + ":" + path), 1, outcome,
                vmsLeft, isosLeft, "Step '" + step + "' failed: " + failed, behaviour);
    }

    private static Row taskFails(String type, String step, String failed, Outcome outcome, int vmsLeft, int isosLeft,
                                 String behaviour) {
        return new Row(type + " task fails", List.of("task-fail=" + type), 1, outcome, vmsLeft, isosLeft,
                "Step '" + step + "' failed: " + failed + ": injected failure (task-fail fault)", behaviour);
    }

    private static Row installFails(String phase) {
        return new Row("install fails in phase " + phase, List.of("install-fail=" + phase), 1, Outcome.NOTHING, 0, 1,
                "Step 'install' failed: the installer failed: injected failure in phase " + phase,
                "the installer VM removed; the ISO kept");
    }

    private static Row expired(String step, String when, Outcome outcome, int vmsLeft, int isosLeft, String failed,
                               String behaviour) {
        return new Row("token expires in " + step, List.of("token-expire=" + when), 1, outcome, vmsLeft, isosLeft,
                "Step '" + failed + "' failed: Proxmox VE rejected API token root@pam!nixpve=*** (HTTP 401 token "
                        + "expired)", behaviour);
    }

    static final List<NodeRow> NODE_ROWS = List.of(
            new NodeRow("pve2 goes down before its build", List.of("node-offline=pve2@2m"),
                    "Step 'upload' failed: GET /nodes/pve2/storage/local/content failed (storage local on node pve2): "
                            + "HTTP 595 No route to host",
                    0, "pve1 publishes; pve2 fails at its first call, nothing made on it"),
            new NodeRow("pve2 goes down mid-install", List.of("node-offline=pve2@task3+10s"),
                    "Step 'install' failed: GET /nodes/pve2/qemu/9102/status/current failed (VM 9102 on node pve2): "
                            + "HTTP 595 No route to host", 1, "pve1 publishes; pve2's installer VM cannot be removed "
                    + "while its node is down: left behind, listed, kept in the journal for the next run's recovery")
    );

    /** The "## Faults" section of docs/reliability.md. */
    static String markdown() {
        return "## Faults\n\n"
                + "Each row is one `build-and-deploy-template` run against the simulator with these `--fault` "
                + "specs (`scripts/nixpve sim --help`), asserted by `FaultTableCliTest`: exit code, outcome, VMs "
                + "and ISOs left, the error's first line, no secret and no stack trace in the output. "
                + "\"VMs left\" counts VMs besides the template; an ISO left by a published run is the next "
                + "run's cache.\n\n"
                + "| Scenario | Faults | Exit | Outcome | VMs left | ISOs left | Expected behaviour | Test |\n"
                + "|---|---|---|---|---|---|---|---|\n"
                + ROWS.stream().map(r -> "| " + r.name() + " | " + r.faults().stream().map(f -> "`" + f + "`")
                        .collect(Collectors.joining(" ")) + " | " + r.exit() + " | " + r.outcome().words + " | "
                        + r.vmsLeft() + " | " + r.isosLeft() + " | " + r.behaviour()
                        + (r.firstLine().isEmpty() ? "" : "; error: `" + r.firstLine() + "…`") + " | `"
                        + r.testName() + "` |\n").collect(Collectors.joining())
                + "\n### Two nodes, the second going down\n\n"
                + "Each row is one `build-and-deploy-template` run over nodes pve1 and pve2 of a simulated cluster "
                + "of three (of two, one node down would take the quorum, and pve1's /etc/pve with it), one after "
                + "the other (`target.parallelism: 1`), asserted by the same test: exit code 1, pve1's "
                + "template published and the only one given to Terraform, pve2's line of the summary, the VMs "
                + "left on pve2 (which the build report lists), no secret and no stack trace.\n\n"
                + "| Scenario | Faults | VMs left on pve2 | Expected behaviour | Test |\n"
                + "|---|---|---|---|---|\n"
                + NODE_ROWS.stream().map(r -> "| " + r.name() + " | " + r.faults().stream().map(f -> "`" + f + "`")
                        .collect(Collectors.joining(" ")) + " | " + r.vmsLeft() + " | " + r.behaviour()
                        + "; pve2: `failed. " + r.firstLine() + "…` | `" + r.testName() + "` |\n")
                .collect(Collectors.joining());
    }

    private FaultTable() {
    }
}
