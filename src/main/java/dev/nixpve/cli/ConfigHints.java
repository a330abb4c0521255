package dev.nixpve.cli;

import dev.nixpve.config.ApiToken;
import dev.nixpve.config.ConfigException;

/**
 * What to do about a configuration problem: the configuration says what failed and what a valid
 * value looks like; this adds the remedy, naming the flags, environment variables and commands
 * that help, as "<what failed>. Hint: <what to do>."
 */
final class ConfigHints {

    private ConfigHints() {
    }

    static String describe(ConfigException error) {
        String remedy = remedy(error);
        return error.getMessage() + ". Hint: " + remedy + (remedy.endsWith(".") || remedy.endsWith("?") ? "" : ".");
    }

    static String remedy(ConfigException error) {
        return switch (error.reason()) {
            case INVALID_VALUE -> error.expected().isEmpty() ? "compare with examples/nixpve.yaml" : error.expected();
            case NO_ENDPOINT -> "set PROXMOX_VE_ENDPOINT=https://HOST:8006/ (or proxmox.endpoint in nixpve.yaml, or "
                    + "--endpoint)";
            case NO_CREDENTIALS -> "set PROXMOX_VE_API_TOKEN=" + ApiToken.FORMAT + " (the README shows how to create "
                    + "a least-privilege token), or PROXMOX_VE_USERNAME and PROXMOX_VE_PASSWORD";
            case NO_USERNAME -> "set PROXMOX_VE_USERNAME (with its realm, e.g. root@pam)";
            case NO_PASSWORD -> "set PROXMOX_VE_PASSWORD, or use an API token instead (PROXMOX_VE_API_TOKEN)";
            case ONE_NODE_ONLY -> "name one node with target.node or a single --node, and run it once per node";
            case NOT_A_CONFIG_FILE -> "check the path given with --config, or copy examples/nixpve.yaml there";
            case FILE_NOT_READABLE -> "make it readable by the user that runs nixpve";
            case FILE_TOO_LARGE -> "check that --config names nixpve.yaml and not another file";
            case UNKNOWN_NODE -> "name nodes as 'pvecm nodes' shows them, or use --node all for every online node";
            case NO_NODE_ONLINE -> "check the cluster with 'nixpve pve check --node all'";
            case ALL_IS_NO_NODE -> "write nodes: all (or --node all) to build on every online node";
            case ALL_AMONG_NAMES -> "write all on its own (nodes: all, --node all), or list only node names";
        };
    }
}
