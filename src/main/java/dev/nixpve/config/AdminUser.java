package dev.nixpve.config;

import java.util.List;

/** A login on the installed system: in {@code wheel} (sudo), SSH keys only, no password. */
public record AdminUser(String name, List<String> sshKeys) {

    public AdminUser {
        sshKeys = List.copyOf(sshKeys);
    }
}
