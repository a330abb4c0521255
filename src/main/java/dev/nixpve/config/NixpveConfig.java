package dev.nixpve.config;

import java.nio.file.Path;
import java.util.Optional;

/** The whole validated configuration; {@code source} is the file it was read from, if any. */
public record NixpveConfig(Optional<Path> source, ProxmoxSettings proxmox, TargetSettings target,
                           ImageSettings image, Optional<NfsMount> nfs, VmSettings vm, BuildSettings build,
                           InstallSettings install, VerifySettings verify, RetentionSettings retention,
                           Path outputDir) {

    /** The same configuration with another target, e.g. the dry run's one node at a time. */
    public NixpveConfig withTarget(TargetSettings other) {
        return new NixpveConfig(source, proxmox, other, image, nfs, vm, build, install, verify, retention, outputDir);
    }
}
