package dev.nixpve.nix.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.nixpve.monitor.InstallProgress;
import dev.nixpve.nix.BuildIdentity;
import dev.nixpve.nix.ImageData;
import java.time.Instant;
import java.util.List;

/** Image data as the renderer writes it, with values that would break Nix if spliced into source. */
final class SampleData {

    /** Everything Nix must treat as data: quotes, antiquotation, backslash, '' and newlines. */
    static final String HOSTILE = "a \"quoted\" ${builtins.abort \"x\"} \\n\\ ''${x}'' \n\tline2 é";

    static final String BUILD_ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /** Sorted keys, no spaces: the form nix-instantiate --json prints, so the two compare as bytes. */
    static final ObjectMapper CANONICAL = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private SampleData() {
    }

    static ImageData hostile() {
        return new ImageData(ImageData.FORMAT_VERSION, "k8s " + HOSTILE, "nixos-25.11", "25.11", "node-1",
                "Europe/Berlin", "en_US.UTF-8", "de", "kubernetes-node",
                List.of("htop", "python3Packages.requests"), 4096, "bios",
                new ImageData.Disk("scsi", "/dev/sda", 20L * 1024 * 1024 * 1024),
                List.of(new ImageData.User("ansible", List.of("ssh-ed25519 AAAAC3Nza " + HOSTILE)),
                        new ImageData.User("nixos", List.of())),
                new ImageData.Nfs("192.168.1.4", "/volume1/k8s " + HOSTILE, "/mnt/nfs",
                        List.of("nfsvers=4", "hard", "nofail")),
                new ImageData.Installer(InstallProgress.PATH, 600, 900,
                        List.of("guard", "partition", "format", "install", "bootloader", "done")));
    }

    static BuildIdentity build() {
        String token = BuildIdentity.tokenFor(BUILD_ID);
        return new BuildIdentity(BUILD_ID, token, BuildIdentity.volumeIdFor(token),
                Instant.parse("2026-11-22T10:00:00Z"), "1.0.0 " + HOSTILE);
    }

    static String json(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
