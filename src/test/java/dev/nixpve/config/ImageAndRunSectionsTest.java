package dev.nixpve.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image, nfs, vm, build, install, verify, retention and output sections. */
class ImageAndRunSectionsTest {

    @TempDir
    Path dir;

    private NixpveConfig load(String yaml) throws Exception {
        Path file = dir.resolve("nixpve.yaml");
        Files.writeString(file, yaml);
        return new ConfigLoader(Map.of("KEY", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIECQFWyHjDDdvIQ0Mfd8DmyRxrF8tqkdgXB63TzjfzNo ops@laptop"))
                .load(Optional.of(file), List.of(), dir);
    }

    private String error(String yaml) {
        return Messages.shown(assertThrows(ConfigException.class, () -> load(yaml)));
    }

    @Test
    void defaultsAreTheOriginalScriptsSizesWithSaferChoices() throws Exception {
        NixpveConfig config = load("");
        assertEquals("nixos-base", config.image().name());
        assertEquals("25.11", config.image().stateVersion());
        assertEquals(4096, config.image().swap().mebibytes());
        assertEquals(new VmSettings(2, ByteSize.parse("4G"), ByteSize.parse("20G"), VmSettings.DiskBus.SCSI),
                config.vm());
        assertEquals(Optional.empty(), config.nfs());
        assertEquals(new BuilderTarget.Local(), config.build().builder());
        assertEquals(Duration.ofMinutes(45), config.install().timeout());
        assertTrue(config.verify().smokeTest());
        assertEquals(dir.resolve("out"), config.outputDir());
    }

    @Test
    void aKubernetesNodeHasNoSwapAndRefusesSwapWithAHint() throws Exception {
        assertEquals(0, load("image:\n  profile: kubernetes-node\n").image().swap().bytes());
        assertEquals(0, load("image:\n  profile: kubernetes-node\n  swap: 0\n").image().swap().bytes());
        assertEquals(4096, load("image:\n  profile: base\n").image().swap().mebibytes());

        String swap = error("image:\n  profile: kubernetes-node\n  swap: 2G\n");

        assertTrue(swap.contains("nixpve.yaml:3: image.swap: profile kubernetes-node takes no swap"), swap);
        assertTrue(swap.contains("Hint: remove image.swap"), swap);
    }

    @Test
    void usersPackagesAndNfsAreRead() throws Exception {
        NixpveConfig config = load("""
                image:
                  packages: [htop, python3Packages.requests]
                  users:
                    - name: ops
                      sshKeys:
                        - ${KEY}
                nfs:
                  server: nas.lan
                  export: /volume1/k8s
                  options: nfsvers=4.2, hard
                build:
                  builder: ssh://builder@nix.lan:2222
                """);
        assertEquals(List.of("htop", "python3Packages.requests"), config.image().packages());
        assertEquals("ops", config.image().users().get(0).name());
        assertTrue(config.image().users().get(0).sshKeys().get(0).endsWith("ops@laptop"));
        assertEquals(new NfsMount("nas.lan", "/volume1/k8s", "/mnt/nfs", List.of("nfsvers=4.2", "hard")),
                config.nfs().orElseThrow());
        assertEquals(new BuilderTarget.Ssh(Optional.of("builder"), "nix.lan", 2222), config.build().builder());
    }

    @Test
    void badValuesNameTheFileLineKeyAndAHint() {
        String user = error("image:\n  users:\n    - name: root\n      sshKeys: [x]\n");
        assertTrue(user.contains("nixpve.yaml:3: image.users: 'root' is a system user's name"), user);
        String key = error("image:\n  users:\n    - name: ops\n      sshKeys: [not-a-key]\n");
        assertTrue(key.contains("image.users") && key.contains("Hint: give public keys"), key);
        String intr = error("nfs:\n  server: nas\n  export: /x\n  options: [intr]\n");
        assertTrue(intr.contains("nfs.options: 'intr' has no effect"), intr);
        String orphan = error("nfs:\n  export: /x\n");
        assertTrue(orphan.contains("nfs.export: is set but nfs.server is not"), orphan);
        String bus = error("vm:\n  diskBus: sata\n");
        assertTrue(bus.contains("vm.diskBus: 'sata' is not one of scsi, virtio"), bus);
        String builder = error("build:\n  builder: ssh://u:pw@host\n");
        assertTrue(builder.contains("carries a password") && !builder.contains("pw@"), builder);
        String phase = error("install:\n  timeout: 10m\n  phaseTimeout: 20m\n");
        assertTrue(phase.contains("longer than the whole install"), phase);
        String unknown = error("verify:\n  smokeTests: false\n");
        assertTrue(unknown.contains("did you mean 'smokeTest'"), unknown);
    }
}
