package dev.nixpve.ssh;

/** A finished download: the bytes written and their SHA-256 (lower-case hex), computed while writing. */
public record Download(long size, String sha256) {
}
