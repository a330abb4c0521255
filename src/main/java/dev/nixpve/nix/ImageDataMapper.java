package dev.nixpve.nix;

import dev.nixpve.config.ImageSettings;
import dev.nixpve.config.NfsMount;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.VmSettings;
import dev.nixpve.monitor.InstallProgress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Maps the validated configuration to the {@link ImageData} the Nix side reads: only what shapes the image. */
public final class ImageDataMapper {

    /** The smallest disk the installer accepts. */
    public static final long MIN_DISK_BYTES = VmSettings.MIN_DISK.bytes();

    private ImageDataMapper() {
    }

    public static ImageData map(NixpveConfig config) {
        ImageSettings image = config.image();
        VmSettings.DiskBus bus = config.vm().diskBus();
        return new ImageData(ImageData.FORMAT_VERSION, image.name(), image.nixpkgs(), image.stateVersion(),
                image.hostname(), image.timezone(), image.locale(), image.keymap(), image.profile().configName(),
                image.packages(), image.swap().mebibytes(), image.firmware().configName(),
                new ImageData.Disk(bus.configName(), bus.guestDevice(), MIN_DISK_BYTES),
                image.users().stream().map(u -> new ImageData.User(u.name(), u.sshKeys())).toList(),
                nfs(config.nfs()), installer());
    }

    static ImageData.Installer installer() {
        List<String> phases = Arrays.stream(InstallProgress.Phase.values()).map(InstallProgress.Phase::wireName)
                .toList();
        return new ImageData.Installer(InstallProgress.PATH, (int) InstallProgress.DONE_HOLD.toSeconds(),
                (int) InstallProgress.FAILED_HOLD.toSeconds(), phases);
    }

    private static ImageData.Nfs nfs(Optional<NfsMount> nfs) {
        return nfs.map(n -> new ImageData.Nfs(n.server(), n.export(), n.mountPoint(), n.options())).orElse(null);
    }
}
