package dev.nixpve.config;

public record TargetSettings(String node, String isoStorage, String diskStorage, String bridge, VmidRange vmids) {
}
