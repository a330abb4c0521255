package dev.nixpve.config;

/** Where a build on one node puts its ISO, disk, network card and VMIDs: its overrides on the target's values. */
public record NodeTarget(String node, String isoStorage, String diskStorage, String bridge, VmidRange vmids) {
}
