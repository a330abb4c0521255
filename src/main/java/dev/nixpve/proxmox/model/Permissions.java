package dev.nixpve.proxmox.model;

import java.util.Set;

/** The privileges the calling user or token holds on one ACL path ({@code GET /access/permissions?path=}). */
public record Permissions(String path, Set<String> privileges) {

    public Permissions {
        privileges = Set.copyOf(privileges);
    }

    public boolean has(String privilege) {
        return privileges.contains(privilege);
    }
}
