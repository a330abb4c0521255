package dev.nixpve.config;

public record ConfigOverride(String keyPath, String value, String flagName) {
}
