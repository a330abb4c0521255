package dev.nixpve.nix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The nix build invocation every builder runs, and where its result keeps the ISO. */
public final class NixBuild {

    /** The installer flake output; nix-templates/flake.nix defines it. */
    public static final String ATTRIBUTE = "nixosConfigurations.installer.config.system.build.isoImage";

    private NixBuild() {
    }

    /**
     * {@code nix build} of the installer ISO, printing its store path on stdout and the build log on
     * stderr. Flakes are enabled per call so the host's nix.conf needs no change. Needs Nix 2.8 or
     * later for --print-out-paths.
     */
    public static List<String> command(String nix, String flakeRef) {
        return List.of(nix, "--extra-experimental-features", "nix-command flakes", "build", "--print-build-logs",
                "--no-link", "--print-out-paths", flakeRef + "#" + ATTRIBUTE);
    }

    /**
     * {@code nix flake lock}: resolves the flake's inputs (the nixpkgs branch's newest revision) and
     * writes {@code flake.lock} next to {@code flake.nix}, which a {@code path:} flake allows.
     */
    public static List<String> lockCommand(String nix, String flakeRef) {
        return List.of(nix, "--extra-experimental-features", "nix-command flakes", "flake", "lock", flakeRef);
    }

    /**
     * A {@code path:} flake reference: the tree is taken as it is, even inside a git checkout where a
     * plain path would make Nix see only tracked files. Nix parses it as a URL and percent-decodes
     * the path (src/libutil/url.cc, parseURL), so anything but plain characters is encoded.
     */
    public static String pathRef(Path directory) {
        StringBuilder ref = new StringBuilder("path:");
        for (byte b : directory.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._~-".indexOf(c) >= 0) {
                ref.append(c);
            } else {
                ref.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return ref.toString();
    }

    /**
     * The ISO in a built isoImage: nixpkgs' make-iso9660-image.sh writes exactly one file to
     * {@code $out/iso/$isoName} (nixos/lib/make-iso9660-image.sh).
     */
    public static Path isoIn(Path outPath, List<String> logTail) throws IsoBuildException {
        Path dir = outPath.resolve("iso");
        List<Path> isos = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.iso")) {
            files.forEach(isos::add);
        } catch (IOException e) {
            throw new IsoBuildException(IsoBuildException.Reason.OUTPUT_UNREADABLE, "nix build finished but " + dir
                    + " cannot be read (" + e + ")", logTail, e);
        }
        if (isos.size() != 1) {
            throw new IsoBuildException(IsoBuildException.Reason.NOT_ONE_ISO, "nix build finished but " + dir
                    + " holds " + isos.size() + " .iso files instead of one", logTail);
        }
        return isos.get(0);
    }
}
