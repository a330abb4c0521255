package dev.nixpve.cli;

import static dev.nixpve.cli.BadInput.command;
import static dev.nixpve.cli.BadInput.environment;
import static dev.nixpve.cli.BadInput.flags;
import static dev.nixpve.cli.BadInput.SECRET;
import static dev.nixpve.cli.BadInput.yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The bad-input table, by theme; {@link BadInputTableTest} runs it and writes it into docs/reliability.md. */
final class BadInputCases {

    private BadInputCases() {
    }

    static List<BadInput> all() {
        List<BadInput> all = new ArrayList<>();
        all.addAll(durationsAndSizes());
        all.addAll(yamlDocuments());
        all.addAll(configFiles());
        all.addAll(secrets());
        all.addAll(terminalEscapes());
        all.addAll(nfs());
        all.addAll(users());
        all.addAll(deployFlags());
        all.addAll(otherCommandsFlags());
        all.addAll(nodeAndConnectionFlags());
        all.addAll(simulatorFlags());
        return all;
    }

    /**
     * The flags of build-and-deploy-template and rebuild: each refused before the run connects
     * (PROXMOX_VE_ENDPOINT counts connections), in one paragraph, instead of picocli's message
     * followed by 60 lines of usage, a warning per push, or a failure after PVE was changed.
     */
    static List<BadInput> deployFlags() {
        return List.of(
                command("flag-unknown-option", "(a typo)", List.of("build-and-deploy-template", "--keep-faild"),
                        "Unknown option: '--keep-faild'", "did you mean --keep-failed?"),
                command("flag-missing-value", "", List.of("build-and-deploy-template", "--iso"),
                        "option '--iso'", "Hint: 'nixpve build-and-deploy-template --help'"),
                command("flag-log-format-unknown", "", List.of("build-and-deploy-template", "--log-format", "xml"),
                        "option '--log-format'", "expected one of [text, json]"),
                command("flag-pushgateway-not-a-url", "", List.of("build-and-deploy-template", "--pushgateway",
                        "not a url"), "option '--pushgateway'", "is not a URL"),
                command("flag-pushgateway-ftp", "(a ClassCastException warning on every push before)",
                        List.of("build-and-deploy-template", "--pushgateway", "ftp://gw:9091/"),
                        "option '--pushgateway'", "'ftp://gw:9091/' is not an http:// or https:// URL with a host"),
                command("flag-pushgateway-query", "", List.of("rebuild", "--pushgateway", "https://gw:9091/?job=x"),
                        "option '--pushgateway'", "'https://gw:9091/?job=x' has a query"),
                command("flag-pushgateway-password-masked", "(the basic-auth password never shown)",
                        List.of("rebuild", "--pushgateway", "https://ops:" + SECRET + "@gw:9091/"),
                        "option '--pushgateway'", "'https://ops:***@gw:9091/' is not an http:// or https:// URL"),
                command("flag-metrics-file-directory", "(a warning per write before, the run went on)",
                        List.of("build-and-deploy-template", "--metrics-file", "."), "--metrics-file",
                        "is a directory, not a file"),
                command("flag-metrics-file-unwritable", "(a warning per write before)",
                        List.of("rebuild", "--metrics-file", "/proc/nixpve.prom"), "--metrics-file /proc/nixpve.prom",
                        "cannot be written"),
                command("flag-iso-missing", "", List.of("build-and-deploy-template", "--iso", "missing.iso"), "--iso",
                        "missing.iso does not exist"),
                command("flag-iso-directory", "", List.of("rebuild", "--iso", "."), "--iso", "is not a file"),
                command("flag-out-is-a-file", "", List.of("build-and-deploy-template", "--out", "nixpve.yaml"),
                        "--out", "nixpve.yaml is a file, not a directory").preparing(BadInputCases::emptyConfig),
                command("flag-state-dir-unwritable", "", List.of("rebuild", "--state-dir", "/proc/nixpve-state"),
                        "--state-dir /proc/nixpve-state", "cannot be written"),
                command("flag-demo-with-iso", "(the ISO was ignored before)", List.of("build-and-deploy-template",
                        "--demo", "--iso", "nixpve.yaml"), "--demo and --iso", "contradict each other")
                        .preparing(BadInputCases::emptyConfig),
                command("flag-demo-with-dry-run", "(a whole demo ran before)", List.of("build-and-deploy-template",
                        "--demo", "--dry-run"), "--demo and --dry-run", "contradict each other"),
                command("flag-demo-with-endpoint", "(the endpoint was ignored before)",
                        List.of("build-and-deploy-template", "--demo", "--endpoint", "https://pve.lan:8006/"),
                        "--demo and --endpoint", "never to a Proxmox VE"),
                command("flag-demo-with-metrics", "", List.of("build-and-deploy-template", "--demo", "--metrics-file",
                        "m.prom"), "--demo writes no metrics", "drop --metrics-file and --pushgateway"),
                command("flag-max-age-not-a-duration", "", List.of("rebuild", "--max-age", "fortnight"),
                        "option '--max-age'", "'fortnight' is not a duration"),
                command("flag-max-age-negative", "", List.of("rebuild", "--max-age", "-5d"), "option '--max-age'",
                        "'-5d' is not a duration"),
                command("flag-max-age-overflow", "", List.of("rebuild", "--max-age", "99999999999999999d"),
                        "option '--max-age'", "is too long"),
                command("flag-max-age-secret", "(the token's secret pasted as the value)",
                        List.of("rebuild", "--max-age", SECRET), "option '--max-age'", "'***' is not a duration"));
    }

    /** build-iso, render, inventory, templates and recover. */
    static List<BadInput> otherCommandsFlags() {
        return List.of(
                command("flag-unknown-command", "", List.of("deploy"), "Unmatched argument at index 0: 'deploy'",
                        "Hint:"),
                command("flag-unknown-subcommand", "", List.of("templates", "lsit"), "'lsit'",
                        "did you mean list?"),
                command("flag-render-without-out", "", List.of("render"), "Missing required option: '--out=DIR'",
                        "Hint: 'nixpve render --help'"),
                command("flag-builder-unknown", "", List.of("build-iso", "--builder", "ftp://build.lan"),
                        "option --builder: build.builder", "'ftp://build.lan' is not a builder"),
                command("flag-builder-password", "(never echoed)", List.of("build-iso", "--builder",
                        "ssh://ops:" + SECRET + "@build.lan"), "option --builder: build.builder",
                        "'ssh://ops:***@build.lan' needs a host"),
                command("flag-build-iso-out-unwritable", "(exit 1 after rendering before)",
                        List.of("build-iso", "--out", "/proc/nixpve-out"), "--out /proc/nixpve-out",
                        "cannot be written"),
                command("flag-templates-missing", "(\"the installation is incomplete\" before)",
                        List.of("render", "--out", "out", "--templates", "nix-templates"), "--templates",
                        "nix-templates does not exist"),
                command("flag-templates-a-file", "", List.of("build-iso", "--templates", "nixpve.yaml"), "--templates",
                        "is a file, not a directory").preparing(BadInputCases::emptyConfig),
                command("flag-inventory-format", "", List.of("inventory", "--format", "json"), "option '--format'",
                        "'json' is not a format: use yaml or ini"),
                command("flag-inventory-out-directory", "(read the cluster, then failed to write, before)",
                        List.of("inventory", "--out", "."), "--out", "is a directory, not a file"),
                command("flag-inventory-out-unwritable", "(read the cluster first before)",
                        List.of("inventory", "--out", "/proc/inventory.yaml"), "--out /proc/inventory.yaml",
                        "cannot be written"),
                command("flag-templates-list-all-nodes-and-node", "", List.of("templates", "list", "--all-nodes",
                        "--node", "pve1"), "--all-nodes and --node pve1", "contradict each other"),
                command("flag-templates-prune-state-dir", "(connected first before)",
                        List.of("templates", "prune", "--state-dir", "/proc/nixpve-state"),
                        "--state-dir /proc/nixpve-state", "cannot be written"),
                command("flag-recover-state-dir", "(connected first before)", List.of("recover", "--state-dir",
                        "/proc/nixpve-state"), "--state-dir /proc/nixpve-state", "cannot be written"),
                command("flag-recover-out-is-a-file", "(the default state directory OUT/state under a file)",
                        List.of("recover", "--out", "nixpve.yaml"), "the state directory (--out/state)",
                        "cannot be written").preparing(BadInputCases::emptyConfig));
    }

    /** --node, --endpoint, --fingerprint, --ca-file, --insecure: the flags every command connecting shares. */
    static List<BadInput> nodeAndConnectionFlags() {
        return List.of(
                command("flag-node-invalid", "", List.of("pve", "check", "--node", "pve 1"),
                        "option --node: target.node", "'pve 1' is not a valid name"),
                command("flag-node-empty", "", List.of("templates", "list", "--node", ""),
                        "option --node: target.node", "'' is not a valid name"),
                command("flag-node-all-with-names", "", List.of("recover", "--node", "pve1,all"),
                        "option --node: target.nodes", "'all' stands for every node and cannot be listed"),
                command("flag-node-twice", "", List.of("templates", "prune", "--node", "pve1", "--node", "pve1"),
                        "option --node: target.nodes", "node 'pve1' is listed twice"),
                command("flag-nodes-invalid-in-list", "", List.of("rebuild", "--node", "pve1,pve_2"),
                        "option --node: target.nodes", "'pve_2' is not a valid node name"),
                command("flag-endpoint-not-https", "", List.of("pve", "check", "--endpoint", "ftp://pve.lan"),
                        "option --endpoint: proxmox.endpoint", "is not an https:// URL with a host"),
                command("flag-endpoint-http", "", List.of("inventory", "--endpoint", "http://pve.lan:8006/"),
                        "option --endpoint: proxmox.endpoint", "the Proxmox VE API only speaks HTTPS"),
                command("flag-fingerprint-short", "", List.of("pve", "check", "--fingerprint", "AA:BB"),
                        "option --fingerprint: proxmox.fingerprint", "is not a SHA-256 fingerprint"),
                command("flag-ca-file-missing", "", List.of("pve", "check", "--ca-file", "pve-root-ca.pem"),
                        "option --ca-file: proxmox.caFile", "is not a readable file"),
                command("flag-ca-file-not-pem", "(\"failed unexpectedly\", exit 1, before)",
                        List.of("pve", "check", "--ca-file", "nixpve.yaml"), "option --ca-file: proxmox.caFile",
                        "holds no PEM certificate").preparing(BadInputCases::emptyConfig),
                command("flag-insecure-with-value", "", List.of("pve", "check", "--insecure=maybe"),
                        "'--insecure'", "Hint:"));
    }

    /** nixpve sim: each refused before it serves (a row that regressed would serve until the test's timeout). */
    static List<BadInput> simulatorFlags() {
        return List.of(
                command("sim-fault-unknown", "", List.of("sim", "--fault", "bogus"), "option --fault",
                        "unknown fault 'bogus'"),
                command("sim-fault-http-500-no-path", "", List.of("sim", "--fault", "http-500=GET"), "option --fault",
                        "invalid fault 'http-500=GET'"),
                command("sim-fault-count-not-a-number", "", List.of("sim", "--fault", "http-500=GET:/version:abc"),
                        "option --fault", "invalid fault"),
                command("sim-fault-storage-full-empty", "", List.of("sim", "--fault", "storage-full="),
                        "option --fault", "storage-full needs a value"),
                command("sim-fault-unknown-node", "(served a cluster the fault never struck before)",
                        List.of("sim", "--fault", "node-offline=pve9"), "option --fault",
                        "node-offline names node 'pve9', which is not one of the simulator's nodes (pve1,pve2)"),
                command("sim-fault-unknown-storage", "(served before)", List.of("sim", "--fault",
                        "storage-full=local-zfs"), "option --fault", "storage-full names storage 'local-zfs'"),
                command("sim-port-out-of-range", "(\"Port value out of range\" naming no flag before)",
                        List.of("sim", "--port", "70000"), "option --port", "70000 is not a TCP port"),
                command("sim-port-negative", "", List.of("sim", "--port", "-1"), "option --port", "-1 is not a TCP port"),
                command("sim-port-not-a-number", "", List.of("sim", "--port", "http"), "option '--port'",
                        "'http' is not an int"),
                command("sim-nodes-invalid", "", List.of("sim", "--nodes", "pve 1"), "option --nodes",
                        "'pve 1' is not a valid PVE node name"),
                command("sim-nodes-empty", "", List.of("sim", "--nodes", ""), "option --nodes",
                        "'' is not a valid PVE node name"),
                command("sim-nodes-twice", "(served two nodes of one name before)",
                        List.of("sim", "--nodes", "pve1,pve1"), "option --nodes", "node 'pve1' is listed twice"),
                command("sim-install-seconds-zero", "", List.of("sim", "--install-seconds", "0"),
                        "option --install-seconds", "0 is not a positive number of seconds"),
                command("sim-install-seconds-overflow", "", List.of("sim", "--install-seconds", "99999999999"),
                        "option '--install-seconds'", "is not an int"),
                command("sim-pve-version-unknown", "", List.of("sim", "--pve-version", "7.4"), "option --pve-version",
                        "the simulator plays 9.1 or 8.4"),
                command("sim-shared-storage-type", "", List.of("sim", "--shared-storage", "nas:bogus:iso"),
                        "option --shared-storage", "storage type 'bogus' is not one of"),
                command("sim-shared-storage-unknown-node", "", List.of("sim", "--shared-storage",
                        "san:lvm:images:pve9"), "option --shared-storage", "names node 'pve9'"),
                command("sim-write-iso-unwritable", "(\"failed unexpectedly\", exit 1, before)",
                        List.of("sim", "--write-iso", "/proc/nixpve.iso"), "--write-iso /proc/nixpve.iso",
                        "cannot be written"),
                command("sim-write-iso-directory", "(\"failed unexpectedly\", exit 1, before)",
                        List.of("sim", "--write-iso", "."), "--write-iso", "is a directory, not a file"));
    }

    private static void emptyConfig(Path directory) throws java.io.IOException {
        Files.writeString(directory.resolve(BadInput.FILE), "# nothing set\n");
    }

    /** Numbers past what a long, an int or PVE can hold are errors naming the key and the range. */
    static List<BadInput> durationsAndSizes() {
        return List.of(
                yaml("duration-int-overflow", "`proxmox.requestTimeout: 25d` (overflows an int of milliseconds)",
                        "proxmox:\n  requestTimeout: 25d\n", "nixpve.yaml:2: proxmox.requestTimeout",
                        "outside the allowed range 1s to 1h"),
                yaml("duration-long-overflow", "`install.timeout: 99999999999999999d` (overflows a long)",
                        "install:\n  timeout: 99999999999999999d\n", "nixpve.yaml:2: install.timeout",
                        "is too long: the allowed range is 1s to 7d"),
                yaml("duration-sum-overflow", "`build.timeout: 106751991167d300d` (a sum that overflows)",
                        "build:\n  timeout: 106751991167d300d\n", "nixpve.yaml:2: build.timeout", "is too long"),
                yaml("duration-past-range", "`verify.timeout: 8d`", "verify:\n  timeout: 8d\n",
                        "nixpve.yaml:2: verify.timeout", "outside the allowed range 1s to 7d"),
                yaml("duration-zero", "`install.agentGrace: 0s`", "install:\n  agentGrace: 0s\n",
                        "nixpve.yaml:2: install.agentGrace", "outside the allowed range 1s to 7d"),
                yaml("duration-below-a-second", "`proxmox.requestTimeout: 5ms`", "proxmox:\n  requestTimeout: 5ms\n",
                        "nixpve.yaml:2: proxmox.requestTimeout", "outside the allowed range 1s to 1h"),
                yaml("duration-no-unit", "`install.phaseTimeout: 30`", "install:\n  phaseTimeout: 30\n",
                        "nixpve.yaml:2: install.phaseTimeout", "'30' has no unit"),
                yaml("duration-negative", "`verify.timeout: -5m`", "verify:\n  timeout: -5m\n",
                        "nixpve.yaml:2: verify.timeout", "is not a duration"),
                yaml("duration-poll-too-slow", "`install.pollInterval: 1m`", "install:\n  pollInterval: 1m\n",
                        "nixpve.yaml:2: install.pollInterval", "outside the allowed range 1s to 5s"),
                yaml("size-long-overflow", "`vm.diskSize: 99999999999999999999T` (overflows a long)",
                        "vm:\n  diskSize: 99999999999999999999T\n", "nixpve.yaml:2: vm.diskSize",
                        "is too large: the allowed range is 8G to 64T"),
                yaml("size-shift-overflow", "`vm.memory: 9999999T` (overflows when counted in bytes)",
                        "vm:\n  memory: 9999999T\n", "nixpve.yaml:2: vm.memory",
                        "is too large: the allowed range is 1G to 4T"),
                yaml("size-past-pve-memory", "`vm.memory: 5T` (more than PVE's 4 TiB)", "vm:\n  memory: 5T\n",
                        "nixpve.yaml:2: vm.memory", "outside the allowed range 1G to 4T"),
                yaml("size-swap-too-large", "`image.swap: 100T`", "image:\n  swap: 100T\n", "nixpve.yaml:2: image.swap",
                        "outside the allowed range 0 to 64T"),
                yaml("size-fraction", "`vm.diskSize: 1.5T`", "vm:\n  diskSize: 1.5T\n", "nixpve.yaml:2: vm.diskSize",
                        "'1.5T' is not a size"),
                yaml("integer-long-overflow", "`vm.cores: 99999999999999999999`", "vm:\n  cores: 99999999999999999999\n",
                        "nixpve.yaml:2: vm.cores", "outside 1..512"),
                yaml("integer-vmid-overflow", "`target.vmids: 100-99999999999999999999`",
                        "target:\n  vmids: 100-99999999999999999999\n", "nixpve.yaml:2: target.vmids", "within 100..999999999"),
                yaml("integer-parallelism-zero", "`target.parallelism: 0`", "target:\n  parallelism: 0\n",
                        "nixpve.yaml:2: target.parallelism", "'0' is not a positive number"));
    }

    /** YAML that a tree mapper gets silently wrong, or that is not a configuration's shape. */
    static List<BadInput> yamlDocuments() {
        return List.of(
                yaml("yaml-alias", "an alias: `hostname: &h de` then `keymap: *h` (read as \"h\" before)",
                        "image:\n  hostname: de\n  keymap: *h\n", "nixpve.yaml:3:", "a YAML alias (*h) is not supported"),
                yaml("yaml-anchor", "an anchor on a section: `image: &base`", "image: &base\n  keymap: de\n",
                        "nixpve.yaml:1:", "a YAML anchor (&base) is not supported"),
                yaml("yaml-value-anchor-and-alias", "a value's anchor and its alias",
                        "image:\n  hostname: &h de\n  keymap: *h\n", "nixpve.yaml:3:", "a YAML alias (*h) is not supported"),
                yaml("yaml-list-anchor", "an anchor on a list", "image:\n  packages: &p [htop]\n", "nixpve.yaml:2:",
                        "a YAML anchor (&p) is not supported"),
                yaml("yaml-merge-key", "a merge key `<<: *defaults`", "image:\n  <<: *defaults\n",
                        "nixpve.yaml:2:", "a YAML alias (*defaults) is not supported"),
                yaml("yaml-second-document", "a second document after `---` (ignored before)",
                        "image:\n  keymap: de\n---\nimage:\n  keymap: us\n", "nixpve.yaml:4:",
                        "a second YAML document ('---') follows the first"),
                yaml("yaml-empty-second-document", "`---` with a second, empty-mapped document",
                        "target:\n  node: pve1\n---\n{}\n", "nixpve.yaml:4:", "a second YAML document"),
                yaml("yaml-tag-binary", "a `!!binary` tag", "image:\n  keymap: !!binary aGVsbG8=\n",
                        "nixpve.yaml:2:", "a YAML tag (!!binary) is not supported"),
                yaml("yaml-tag-custom", "a custom tag `!env`", "image:\n  keymap: !env KEYMAP\n", "nixpve.yaml:2:",
                        "a YAML tag (!env) is not supported"),
                yaml("yaml-deep-nesting", "brackets nested 5000 deep", "target:\n  vmids: " + "[".repeat(5000) + "\n",
                        "nixpve.yaml:", "nests deeper than 16 levels"),
                yaml("yaml-syntax", "an unclosed flow list", "target:\n  node: [unclosed\n", "nixpve.yaml:",
                        "not valid YAML"),
                yaml("yaml-tab-indent", "a tab for indentation", "target:\n\tnode: pve1\n", "nixpve.yaml:",
                        "not valid YAML"),
                yaml("yaml-duplicate-key", "the same key twice", "target:\n  node: pve1\n  node: pve2\n",
                        "nixpve.yaml:3: node", "the key appears twice (first on line 2)"),
                yaml("yaml-duplicate-section", "the same section twice", "vm:\n  cores: 2\nvm:\n  cores: 4\n",
                        "nixpve.yaml:3: vm", "the key appears twice (first on line 1)"),
                yaml("yaml-root-list", "a list at the top", "- proxmox\n- target\n", "nixpve.yaml:1:",
                        "the file must be a map of sections"),
                yaml("yaml-root-scalar", "a bare word at the top", "hello\n", "nixpve.yaml:1:",
                        "the file must be a map of sections"),
                yaml("yaml-unknown-section", "a misspelled section", "proxmx:\n  endpoint: https://pve:8006/\n",
                        "nixpve.yaml:1: proxmx", "unknown section"),
                yaml("yaml-unknown-key", "a misspelled key", "proxmox:\n  fingerprnt: AB\n",
                        "nixpve.yaml:2: proxmox.fingerprnt", "did you mean 'fingerprint'?"),
                yaml("yaml-section-is-value", "a section written as a value", "target: pve1\n", "nixpve.yaml:1: target",
                        "expected a map of settings, found a value"),
                yaml("yaml-list-for-value", "a list where one value belongs", "target:\n  bridge: [vmbr0, vmbr1]\n",
                        "nixpve.yaml:2: target.bridge", "expected a single value, found a list"),
                yaml("yaml-map-for-value", "a map where one value belongs", "vm:\n  cores:\n    min: 2\n",
                        "nixpve.yaml:2: vm.cores", "expected a single value, found a map"));
    }

    /** The file itself: missing, a directory, a device, binary, another encoding, too large. */
    static List<BadInput> configFiles() {
        return List.of(
                flags("file-missing", "`--config` names a file that does not exist", List.of("--config", "nope.yaml"),
                        "nope.yaml", "the configuration file does not exist"),
                flags("file-directory", "`--config` names a directory (\"does not exist\" before)",
                        List.of("--config", "conf.d"), "conf.d", "is a directory, not a configuration file")
                        .preparing(d -> Files.createDirectory(d.resolve("conf.d"))),
                flags("file-default-is-directory", "`./nixpve.yaml` is a directory", List.of(), "nixpve.yaml",
                        "is a directory").preparing(d -> Files.createDirectory(d.resolve("nixpve.yaml"))),
                flags("file-dev-null", "`--config /dev/null` (\"does not exist\" before)",
                        List.of("--config", "/dev/null"), "/dev/null", "is not a regular file (a device, pipe or socket)"),
                flags("file-binary", "a binary file (\"cannot read (Input length = 1)\" before)",
                        List.of("--config", "image.iso"), "image.iso:1:", "it is binary, not YAML text")
                        .preparing(d -> Files.write(d.resolve("image.iso"), new byte[] {(byte) 0xff, 0, 1, 2})),
                flags("file-latin1", "a Latin-1 file (\"cannot read (Input length = 1)\" before)",
                        List.of("--config", "latin1.yaml"), "latin1.yaml:2:", "is not UTF-8 text (byte 0xE9")
                        .preparing(d -> Files.write(d.resolve("latin1.yaml"),
                                "image:\n  timezone: Am\u00e9rique\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))),
                flags("file-too-large", "a 10 MB comment line (17 s and 0.8 GB before)", List.of(), "nixpve.yaml",
                        "is larger than 256 KiB").preparing(BadInputCases::hugeComment),
                flags("file-stray-bytes-late", "valid YAML, then a stray 0xFF on line 3",
                        List.of("--config", "stray.yaml"), "stray.yaml:3:", "is not UTF-8 text (byte 0xFF")
                        .preparing(d -> Files.write(d.resolve("stray.yaml"),
                                new byte[] {'v', 'm', ':', '\n', ' ', ' ', '#', '\n', (byte) 0xff, '\n'})));
    }

    /** A secret written, or interpolated, where it does not belong is never repeated. */
    static List<BadInput> secrets() {
        String token = "PROXMOX_VE_API_TOKEN";
        return List.of(
                yaml("secret-token-in-name", "`image.name: \"${PROXMOX_VE_API_TOKEN}\"` (echoed in full before)",
                        "image:\n  name: \"${PROXMOX_VE_API_TOKEN}\"\n", "nixpve.yaml:2: image.name",
                        "'***' is not valid here"),
                yaml("secret-variable-in-hostname", "`image.hostname: ${NIXPVE_TABLE_SECRET}`",
                        "image:\n  hostname: ${NIXPVE_TABLE_SECRET}\n", "nixpve.yaml:2: image.hostname",
                        "'***' is not valid here"),
                yaml("secret-part-of-keymap", "`image.keymap: de-${NIXPVE_TABLE_SECRET}`",
                        "image:\n  keymap: de-${NIXPVE_TABLE_SECRET}\n", "nixpve.yaml:2: image.keymap",
                        "'de-***' is not valid here"),
                yaml("secret-password-in-server", "`nfs.server: ${PROXMOX_VE_PASSWORD}`",
                        "nfs:\n  server: ${PROXMOX_VE_PASSWORD}\n  export: /k8s\n", "nixpve.yaml:2: nfs.server",
                        "'***' is not valid here").with(Map.of("PROXMOX_VE_PASSWORD", SECRET)),
                yaml("secret-file-token-in-locale", "the file's own token secret pasted into `image.locale`",
                        "proxmox:\n  apiToken: nixpve@pve!other=" + SECRET + "\nimage:\n  locale: " + SECRET + "\n",
                        "nixpve.yaml:4: image.locale", "'***' is not valid here").with(Map.of(token, "")),
                yaml("secret-file-token-with-newline", "a token in the file with a line break in its secret",
                        "proxmox:\n  apiToken: \"nixpve@pve!build=" + SECRET.substring(0, 12) + "\\n"
                                + SECRET.substring(12) + "\"\n", "nixpve.yaml:2: proxmox.apiToken",
                        "the token contains a line break").with(Map.of(token, "")),
                environment("secret-token-with-newline", "`PROXMOX_VE_API_TOKEN` with a newline in the secret (echoed "
                        + "in full by the HTTP layer before)", Map.of(token, "nixpve@pve!build=" + SECRET.substring(0, 12)
                        + "\n" + SECRET.substring(12)), "environment PROXMOX_VE_API_TOKEN: proxmox.apiToken",
                        "the token contains a line break"),
                environment("secret-token-with-space", "`PROXMOX_VE_API_TOKEN` with a space inside",
                        Map.of(token, "nixpve@pve!build=" + SECRET.substring(0, 12) + " " + SECRET.substring(12)),
                        "environment PROXMOX_VE_API_TOKEN: proxmox.apiToken", "the token contains a line break, space"),
                environment("secret-token-with-escape", "`PROXMOX_VE_API_TOKEN` with a terminal escape in the user",
                        Map.of(token, "nix\u001b[2Jpve@pve!build=" + SECRET), "environment PROXMOX_VE_API_TOKEN",
                        "control character"),
                environment("secret-token-no-tokenid", "`PROXMOX_VE_API_TOKEN` without `!tokenid`",
                        Map.of(token, "nixpve@pve=" + SECRET), "environment PROXMOX_VE_API_TOKEN: proxmox.apiToken",
                        "the token has no '!tokenid'"),
                environment("secret-token-bad-tokenid", "`PROXMOX_VE_API_TOKEN` with a token id starting with a digit",
                        Map.of(token, "nixpve@pve!1build=" + SECRET), "environment PROXMOX_VE_API_TOKEN",
                        "the token id after '!' must start with a letter"),
                environment("secret-token-no-user", "`PROXMOX_VE_API_TOKEN` without user@realm",
                        Map.of(token, "!build=" + SECRET), "environment PROXMOX_VE_API_TOKEN",
                        "the token has no user@realm part"),
                environment("secret-token-empty-realm", "`PROXMOX_VE_API_TOKEN` with an empty realm",
                        Map.of(token, "nixpve@!build=" + SECRET), "environment PROXMOX_VE_API_TOKEN",
                        "the token's realm is empty"),
                environment("secret-token-no-secret", "`PROXMOX_VE_API_TOKEN` ending in `=`",
                        Map.of(token, "nixpve@pve!build="), "environment PROXMOX_VE_API_TOKEN",
                        "the token has no '=secret' part"),
                environment("secret-password-in-endpoint", "the password in `PROXMOX_VE_ENDPOINT`'s user info",
                        Map.of("PROXMOX_VE_PASSWORD", SECRET, "PROXMOX_VE_ENDPOINT", "https://root:" + SECRET
                                + "@pve:8006/"), "environment PROXMOX_VE_ENDPOINT: proxmox.endpoint",
                        "'https://root:***@pve:8006/' is not an https:// URL with a host"),
                environment("secret-in-broken-endpoint", "a secret pasted into `PROXMOX_VE_ENDPOINT`",
                        Map.of("PROXMOX_VE_ENDPOINT", "https://pve:8006/" + SECRET), "environment PROXMOX_VE_ENDPOINT",
                        "the endpoint has a path (/***)"),
                environment("secret-username-escape", "`PROXMOX_VE_USERNAME` with a terminal escape",
                        Map.of("PROXMOX_VE_USERNAME", "root\u001b[31m@pam"), "environment PROXMOX_VE_USERNAME",
                        "is not a PVE user id"),
                flags("secret-as-node-flag", "the token's secret given to `--node` by mistake", List.of("--node", SECRET),
                        "option --node: target.node", "'***' is not a valid name"),
                flags("secret-as-fingerprint-flag", "the token's secret given to `--fingerprint`",
                        List.of("--fingerprint", SECRET), "option --fingerprint: proxmox.fingerprint",
                        "is not a SHA-256 fingerprint"));
    }

    /** Values shown in an error reach the terminal with their control characters made visible. */
    static List<BadInput> terminalEscapes() {
        return List.of(
                yaml("escape-in-value", "an ANSI colour escape in `image.keymap`",
                        "image:\n  keymap: \"\\e[31mred\"\n", "nixpve.yaml:2: image.keymap", "'\\x1b[31mred' is not valid"),
                yaml("escape-clear-screen-in-key", "a clear-screen escape as a key", "image:\n  \"\\e[2J\": x\n",
                        "nixpve.yaml:2: image.\\x1b[2J", "unknown key"),
                yaml("escape-newline-in-value", "a line break inside `image.hostname` (would fake a second line)",
                        "image:\n  hostname: \"a\\nResult: all good\"\n", "nixpve.yaml:2: image.hostname",
                        "'a\\nResult: all good' is not valid"),
                yaml("escape-carriage-return", "a carriage return inside `target.bridge` (would overwrite the line)",
                        "target:\n  bridge: \"vmbr0\\rall good\"\n", "nixpve.yaml:2: target.bridge", "vmbr0\\rall good"),
                yaml("escape-bidi-override", "a right-to-left override in `image.name`",
                        "image:\n  name: \"abc\\u202Eexe\"\n", "nixpve.yaml:2: image.name", "'abc\\u202eexe' is not valid"),
                yaml("escape-c1-csi", "a C1 control (U+009B, CSI) in `image.locale`",
                        "image:\n  locale: \"en\\u009B31m\"\n", "nixpve.yaml:2: image.locale", "'en\\x9b31m' is not valid"),
                yaml("escape-bell-in-package", "a BEL in a package name", "image:\n  packages: [\"htop\\a\"]\n",
                        "nixpve.yaml:2: image.packages", "'htop\\x07' is not valid"),
                flags("escape-in-config-name", "`--config` with an escape in the file name",
                        List.of("--config", "evil\u001b]0;owned\u0007.yaml"), "evil\\x1b]0;owned\\x07.yaml",
                        "does not exist"),
                flags("escape-in-node-flag", "`--node` with an escape", List.of("--node", "pve\u001b[1A"),
                        "option --node: target.node", "'pve\\x1b[1A' is not a valid name"),
                environment("escape-in-endpoint", "`PROXMOX_VE_ENDPOINT` with an escape in the host",
                        Map.of("PROXMOX_VE_ENDPOINT", "https://pve\u001b[8m:8006/"), "environment PROXMOX_VE_ENDPOINT",
                        "\\x1b[8m"),
                environment("escape-in-fingerprint", "`PROXMOX_VE_FINGERPRINT` with an escape",
                        Map.of("PROXMOX_VE_FINGERPRINT", "AB:\u001b[2K"), "environment PROXMOX_VE_FINGERPRINT",
                        "\\x1b[2K"));
    }

    /** An NFS share must not cover the system, nor its options weaken it. */
    static List<BadInput> nfs() {
        List<BadInput> rows = new ArrayList<>();
        for (String point : List.of("/", "/nix", "/nix/store", "/etc", "/boot", "/bin", "/home", "/home/ops", "/usr/local",
                "/var/lib")) {
            rows.add(yaml("nfs-mount-" + (point.equals("/") ? "root" : point.substring(1).replace('/', '-')),
                    "`nfs.mountPoint: " + point + "`", nfsWith("  mountPoint: " + point + "\n"),
                    "nixpve.yaml:4: nfs.mountPoint", point.equals("/") ? "'/' is the root file system"
                            : "the system directory /" + point.split("/")[1]));
        }
        rows.add(yaml("nfs-mount-dotdot", "`nfs.mountPoint: /mnt/../etc` (accepted before)",
                nfsWith("  mountPoint: /mnt/../etc\n"), "nixpve.yaml:4: nfs.mountPoint", "has '.', '..' or an empty part"));
        rows.add(yaml("nfs-mount-dot", "`nfs.mountPoint: /mnt/./data`", nfsWith("  mountPoint: /mnt/./data\n"),
                "nixpve.yaml:4: nfs.mountPoint", "has '.', '..' or an empty part"));
        rows.add(yaml("nfs-mount-relative", "`nfs.mountPoint: mnt/nfs`", nfsWith("  mountPoint: mnt/nfs\n"),
                "nixpve.yaml:4: nfs.mountPoint", "'mnt/nfs' is not valid here"));
        rows.add(yaml("nfs-options-combined", "`nfs.options: [\"nfsvers=4.2,intr,suid\"]` in one item (passed before)",
                nfsWith("  options: [\"nfsvers=4.2,intr,suid\"]\n"), "nixpve.yaml:4: nfs.options",
                "'intr' has no effect"));
        rows.add(yaml("nfs-options-suid", "`nfs.options: nfsvers=4.2, suid`", nfsWith("  options: nfsvers=4.2, suid\n"),
                "nixpve.yaml:4: nfs.options", "'suid' would run set-uid programs from the share"));
        rows.add(yaml("nfs-options-dev", "`nfs.options: [dev]`", nfsWith("  options: [dev]\n"),
                "nixpve.yaml:4: nfs.options", "'dev' would let device files"));
        rows.add(yaml("nfs-options-defaults", "`nfs.options: [defaults]`", nfsWith("  options: [defaults]\n"),
                "nixpve.yaml:4: nfs.options", "'defaults' means rw,suid,dev"));
        rows.add(yaml("nfs-options-user", "`nfs.options: [\"hard,user\"]`", nfsWith("  options: [\"hard,user\"]\n"),
                "nixpve.yaml:4: nfs.options", "'user' lets any user mount"));
        rows.add(yaml("nfs-options-unknown", "`nfs.options: [nfsver=4.2]` (a typo)", nfsWith("  options: [nfsver=4.2]\n"),
                "nixpve.yaml:4: nfs.options", "did you mean 'nfsvers'?"));
        rows.add(yaml("nfs-options-shell", "`nfs.options: [\"rw;reboot\"]`", nfsWith("  options: [\"rw;reboot\"]\n"),
                "nixpve.yaml:4: nfs.options", "'rw;reboot' is not valid here"));
        rows.add(yaml("nfs-export-relative", "`nfs.export: volume1`", "nfs:\n  server: nas.lan\n  export: volume1\n",
                "nixpve.yaml:3: nfs.export", "'volume1' is not valid here"));
        rows.add(yaml("nfs-no-export", "`nfs.server` without `nfs.export`", "nfs:\n  server: nas.lan\n",
                "nixpve.yaml:2: nfs.server", "an NFS server is set but no export"));
        rows.add(yaml("nfs-no-server", "`nfs.export` without `nfs.server`", "nfs:\n  export: /k8s\n",
                "nixpve.yaml:2: nfs.export", "is set but nfs.server is not"));
        rows.add(yaml("nfs-server-injection", "`nfs.server: \"nas;rm -rf /\"`", "nfs:\n  server: \"nas;rm -rf /\"\n",
                "nixpve.yaml:2: nfs.server", "is not valid here"));
        return rows;
    }

    private static String nfsWith(String line) {
        return "nfs:\n  server: nas.lan\n  export: /volume1/k8s\n" + line;
    }

    /** Users the installed system already has are refused; SSH keys are read, not pattern-matched. */
    static List<BadInput> users() {
        List<BadInput> rows = new ArrayList<>();
        for (String name : List.of("root", "sshd", "nobody", "nixbld1", "nixbld32", "messagebus", "systemd-network",
                "nixpve-smoke", "rpc")) {
            rows.add(yaml("user-reserved-" + name, "`image.users` with `name: " + name + "`",
                    userWith(name, GOOD_KEY), "nixpve.yaml:3: image.users", "'" + name + "' is a system user's name"));
        }
        rows.add(yaml("user-bad-name", "a user named `Ops Team`", userWith("Ops Team", GOOD_KEY),
                "nixpve.yaml:3: image.users", "'Ops Team' is not a usable login name"));
        rows.add(yaml("user-twice", "the same user twice", "image:\n  users:\n    - name: ops\n      sshKeys: [\""
                + GOOD_KEY + "\"]\n    - name: ops\n      sshKeys: [\"" + GOOD_KEY + "\"]\n", "nixpve.yaml:5: image.users",
                "user 'ops' is listed twice"));
        rows.add(yaml("user-no-keys", "a user without `sshKeys`", "image:\n  users:\n    - name: ops\n",
                "nixpve.yaml:3: image.users", "has no SSH keys"));
        rows.add(yaml("ssh-key-stub", "`ssh-ed25519 AAAA` (accepted before)", userWith("ops", "ssh-ed25519 AAAA"),
                "nixpve.yaml:5: image.users", "SSH key 1 is not a usable public key: the ssh-ed25519 key's body is cut short"));
        rows.add(yaml("ssh-key-wrong-type", "an ed25519 body labelled `ssh-rsa`",
                userWith("ops", GOOD_KEY.replace("ssh-ed25519", "ssh-rsa")), "nixpve.yaml:5: image.users",
                "the key says ssh-rsa but its body holds a ssh-ed25519 key"));
        rows.add(yaml("ssh-key-not-base64", "a key whose body is not base64", userWith("ops", "ssh-ed25519 !!notbase64!!"),
                "nixpve.yaml:5: image.users", "body is not base64"));
        rows.add(yaml("ssh-key-unknown-type", "a `ssh-dss` key (gone since OpenSSH 9.8)",
                userWith("ops", "ssh-dss AAAAB3NzaC1kc3MAAACBAP"), "nixpve.yaml:5: image.users",
                "'ssh-dss' is not a known SSH key type"));
        rows.add(yaml("ssh-key-short-rsa", "a 1024-bit RSA key", userWith("ops", SHORT_RSA), "nixpve.yaml:5: image.users",
                "the ssh-rsa key has 1024 bits, fewer than 2048"));
        rows.add(yaml("ssh-key-private", "a private key pasted instead of the public one (never echoed)",
                "image:\n  users:\n    - name: ops\n      sshKeys:\n        - |\n          -----BEGIN OPENSSH PRIVATE KEY-----\n"
                        + "          " + SECRET + "\n          -----END OPENSSH PRIVATE KEY-----\n",
                "nixpve.yaml:5: image.users", "this is a private key"));
        rows.add(yaml("ssh-key-options-prefix", "an authorized_keys line with options (`command=...`)",
                userWith("ops", "command=\\\"sh\\\" " + GOOD_KEY), "nixpve.yaml:5: image.users",
                "it does not start with an SSH key type"));
        rows.add(yaml("ssh-key-trailing-garbage", "a key with bytes after its fields",
                userWith("ops", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIECQFWyHjDDdvIQ0Mfd8DmyRxrF8tqkdgXB63TzjfzNoAAAAAQ=="),
                "nixpve.yaml:5: image.users", "cut short or is not a ssh-ed25519 key"));
        rows.add(yaml("ssh-key-ecdsa-wrong-curve", "an ecdsa-sha2-nistp256 label on a nistp384 key",
                userWith("ops", EC384.replace("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp256")), "nixpve.yaml:5: image.users",
                "the key says ecdsa-sha2-nistp256 but its body holds a ecdsa-sha2-nistp384 key"));
        rows.add(yaml("ssh-key-empty-list", "`sshKeys: []`", "image:\n  users:\n    - name: ops\n      sshKeys: []\n",
                "nixpve.yaml:3: image.users", "has no SSH keys"));
        return rows;
    }

    /** Real public keys (made for these tests; their private halves were thrown away). */
    static final String GOOD_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIECQFWyHjDDdvIQ0Mfd8DmyRxrF8tqkdgXB63TzjfzNo "
            + "ops@laptop";
    static final String EC384 = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBFxV7QPbHOOaW4L6a"
            + "+HYCgKvbEN/meQzBt5G/sQZpUMpilbHYDQLqb9mousnMbdoKRlN7fv4M9EGUW1/GoTD+3LE+RQ13iMv7hwcChkg+vUIaHcjPLLy8U9QDq"
            + "/k8Q/+wg== ec";
    static final String SHORT_RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDmxS87ocKl2OqkgtO0Kwganvaship/LUNRevZebvR/aedwJCC5KTn8f2tPmCALikRBtO+HytYqaplvt8jyYzAkBLr8bDoMqNXjWD1VGLHKGtlyqsYap7xr5YZD1IcaKtcbGnwcRqAWqnSILB8nG/BfStOufZw1vsFiLOYH9vaaEw== old";

    private static String userWith(String name, String key) {
        return "image:\n  users:\n    - name: " + name + "\n      sshKeys:\n        - \"" + key + "\"\n";
    }

    private static void hugeComment(Path directory) throws java.io.IOException {
        Files.writeString(directory.resolve(BadInput.FILE), "# " + "x".repeat(10_000_000) + "\n");
    }
}
