package dev.nixpve.config;

import java.util.List;

/**
 * What goes into the NixOS image: everything here changes the build id. {@code name} is the
 * template's VM name and tag; {@code nixpkgs} the stable release branch the flake pins.
 */
public record ImageSettings(String name, String nixpkgs, String stateVersion, String hostname, String timezone,
                            String locale, String keymap, Profile profile, List<String> packages, ByteSize swap,
                            Firmware firmware, List<AdminUser> users) {

    public ImageSettings {
        packages = List.copyOf(packages);
        users = List.copyOf(users);
    }

    /** Optional roles on top of the base system. */
    public enum Profile {
        BASE("base"), KUBERNETES_NODE("kubernetes-node");

        private final String configName;

        Profile(String configName) {
            this.configName = configName;
        }

        /** As written in nixpve.yaml and in the rendered data. */
        public String configName() {
            return configName;
        }
    }

    /** How the VM boots: SeaBIOS with GRUB on an MBR/bios_grub disk, or OVMF with an EFI system partition. */
    public enum Firmware {
        BIOS("bios"), UEFI("uefi");

        private final String configName;

        Firmware(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }
    }
}
