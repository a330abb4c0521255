package dev.nixpve.cli;

import static dev.nixpve.cli.BadInput.environment;
import static dev.nixpve.cli.BadInput.flags;
import static dev.nixpve.cli.BadInput.yaml;

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
        return all;
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
}
