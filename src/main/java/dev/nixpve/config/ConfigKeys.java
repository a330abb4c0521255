package dev.nixpve.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every key nixpve knows, by section, and which environment variables set which key. */
final class ConfigKeys {

    static final Map<String, List<String>> SECTIONS = Map.of(
            "proxmox", List.of("endpoint", "apiToken", "username", "password", "fingerprint", "caFile", "insecure",
                    "requestTimeout"),
            "target", List.of("node", "nodes", "isoStorage", "diskStorage", "bridge", "vmids", "perNode",
                    "parallelism"),
            "image", List.of("name", "nixpkgs", "stateVersion", "hostname", "timezone", "locale", "keymap",
                    "profile", "packages", "swap", "firmware", "users"),
            "nfs", List.of("server", "export", "mountPoint", "options"),
            "vm", List.of("cores", "memory", "diskSize", "diskBus"),
            "build", List.of("builder", "timeout", "sshIdentity", "knownHosts", "hostKeyFingerprint", "remoteDir",
                    "dockerImage"),
            "install", List.of("timeout", "phaseTimeout", "agentGrace", "pollInterval"),
            "verify", List.of("smokeTest", "timeout"),
            "retention", List.of("templates", "isos"),
            "output", List.of("dir"));

    /** Names as the bpg Terraform provider uses them, so one environment serves both tools. */
    static final Map<String, String> ENVIRONMENT = environment();

    /** Keys whose values are never repeated in a message. */
    static final Set<String> SECRETS = Set.of("proxmox.apiToken", "proxmox.password");

    /**
     * Keys that may be a map or a list in the file (target.vmids: {first, last}, target.perNode,
     * lists of values or users).
     */
    static final Set<String> STRUCTURED = Set.of("target.vmids", "target.nodes", "target.perNode", "image.users",
            "image.packages", "nfs.options");

    /**
     * Keys that say the same thing in two forms: one node, or several. A file sets at most one of
     * them; a flag setting either replaces both, so --node wins over a file's target.nodes.
     */
    static final Map<String, String> OTHER_FORM = Map.of("target.node", "target.nodes",
            "target.nodes", "target.node");

    private ConfigKeys() {
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PROXMOX_VE_ENDPOINT", "proxmox.endpoint");
        env.put("PROXMOX_VE_API_TOKEN", "proxmox.apiToken");
        env.put("PROXMOX_VE_USERNAME", "proxmox.username");
        env.put("PROXMOX_VE_PASSWORD", "proxmox.password");
        env.put("PROXMOX_VE_INSECURE", "proxmox.insecure");
        env.put("PROXMOX_VE_FINGERPRINT", "proxmox.fingerprint");
        return env;
    }
}
