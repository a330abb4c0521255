package dev.nixpve.proxmox.model;

/** A file read through the guest agent; {@code truncated} when the read stopped before the end. */
public record AgentFile(String content, boolean truncated) {
}
