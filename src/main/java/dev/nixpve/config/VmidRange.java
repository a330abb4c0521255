package dev.nixpve.config;

public record VmidRange(int first, int last) {
}
