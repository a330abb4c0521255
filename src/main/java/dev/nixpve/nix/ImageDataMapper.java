package dev.nixpve.nix;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.sim.guest.InstallerGuest;
import java.util.Arrays;

/** Picks from the configuration exactly what shapes the image, as the data the Nix files read. */
public final class ImageDataMapper {

    /** The installer refuses smaller disks: the system, its closure and swap need room. */
    public static final long MIN_DISK_BYTES = 8L << 30;

    private ImageDataMapper() {
    }

    public static ImageData map(NixpveConfig config) {
        var image = config.image();
        return new ImageData(ImageData.FORMAT_VERSION, image.name(), image.nixpkgs(), image.stateVersion(),
                image.hostname(), image.timezone(), image.locale(), image.keymap(), image.profile().configName(),
                image.packages(), image.swap().mebibytes(), image.firmware().configName(),
                new ImageData.Disk(config.vm().diskBus().configName(), config.vm().diskBus().guestDevice(),
                        MIN_DISK_BYTES),
                image.users().stream().map(u -> new ImageData.User(u.name(), u.sshKeys())).toList(),
                config.nfs().map(n -> new ImageData.Nfs(n.server(), n.export(), n.mountPoint(), n.options()))
                        .orElse(null),
                new ImageData.Installer(InstallProgress.PATH, (int) InstallerGuest.DONE_HOLD.toSeconds(),
                        (int) InstallerGuest.FAILED_HOLD.toSeconds(),
                        Arrays.stream(InstallProgress.Phase.values()).map(InstallProgress.Phase::wireName).toList()));
    }
}
