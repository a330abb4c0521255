package dev.nixpve.proxmox.model;

/** One line of a task log; {@code n} is 1-based as PVE numbers it. */
public record TaskLogLine(int n, String text) {
}
