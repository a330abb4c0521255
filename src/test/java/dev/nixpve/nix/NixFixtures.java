package dev.nixpve.nix;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Shared test values: the fixture template set and plain image data. */
final class NixFixtures {

    static final String FIXTURE_RESOURCE = "dev/nixpve/nix/fixture-templates/";
    static final String VERSION = "0.0.0-test";

    private NixFixtures() {
    }

    /** The fixture templates as a directory (target/test-classes/...). */
    static Path fixtureDirectory() {
        try {
            return Path.of(NixFixtures.class.getClassLoader().getResource(FIXTURE_RESOURCE).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TemplateSource fixtureTemplates() {
        return TemplateSource.directory(fixtureDirectory());
    }

    static ImageData data() {
        return data("nixos-base", "nixos-25.11", "nixos");
    }

    static ImageData data(String name, String branch, String hostname) {
        return new ImageData(ImageData.FORMAT_VERSION, name, branch, "25.11", hostname, "Europe/Berlin",
                "en_US.UTF-8", "de-latin1", "base", List.of("htop", "python3Packages.requests"), 4096, "bios",
                new ImageData.Disk("scsi", "/dev/sda", ImageDataMapper.MIN_DISK_BYTES),
                List.of(new ImageData.User("ops", List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKey ops@laptop"))),
                new ImageData.Nfs("nas.lan", "/volume1/k8s", "/mnt/nfs", List.of("nfsvers=4.2")),
                ImageDataMapper.installer());
    }
}
