package dev.nixpve.proxmox.model;

/** A network bridge on a node, as {@code GET /nodes/{node}/network?type=any_bridge} lists it. */
public record Bridge(String name, String type, boolean active) {
}
