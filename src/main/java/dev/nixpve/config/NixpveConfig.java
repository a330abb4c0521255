package dev.nixpve.config;

import java.nio.file.Path;
import java.util.Optional;

public record NixpveConfig(Optional<Path> source, ProxmoxSettings proxmox, TargetSettings target) {
}
