package dev.nixpve.cli;

import dev.nixpve.nix.IsoBuildException;
import dev.nixpve.nix.RenderException;

/**
 * What to do when rendering the build tree or building the ISO fails: the nix package says what
 * failed (a reason, what the build log shows, the tool or directory concerned); this words the
 * remedy, naming the settings, flags and commands that help, as "<what failed>. Hint: <what to do>."
 */
final class BuildHints {

    private BuildHints() {
    }

    static String describe(RenderException error) {
        return error.getMessage() + ". Hint: " + remedy(error) + ".";
    }

    /** A build failure; an SSH failure, which the ssh package words whole, gets no second hint. */
    static String describe(IsoBuildException error) {
        return error.reason() == IsoBuildException.Reason.OTHER ? error.getMessage()
                : error.getMessage() + ". Hint: " + remedy(error) + ".";
    }

    static String remedy(RenderException error) {
        return switch (error.reason()) {
            case NOT_A_DIRECTORY -> "give a new or empty directory for the build tree";
            case FOREIGN_DIRECTORY -> "give a new or empty directory; nixpve replaces the contents only of a directory "
                    + "it rendered before (keeping its flake.lock)";
            case TREE_UNWRITABLE -> "check that the directory is writable and the disk not full";
            case BAD_NIXPKGS_BRANCH -> "name a stable release branch such as nixos-25.11";
            case TEMPLATES_INCOMPLETE -> "the installation is incomplete: rebuild or reinstall nixpve";
            case TEMPLATES_UNREADABLE -> "rebuild or reinstall nixpve";
            case TEMPLATES_BROKEN -> "the template set is broken: rebuild or reinstall nixpve";
            case BAD_MANIFEST_ENTRY -> "list template files as plain relative paths such as modules/base.nix";
        };
    }

    static String remedy(IsoBuildException error) {
        return switch (error.reason()) {
            case NIX_NOT_INSTALLED -> "install Nix (https://nixos.org/download), or build elsewhere with "
                    + "build.builder: docker or build.builder: ssh://HOST (--builder)";
            case DOCKER_NOT_INSTALLED -> "install Docker, or set build.builder: local (needs Nix) or build.builder: "
                    + "ssh://HOST (--builder)";
            case TOOL_WOULD_NOT_START -> error.tool().orElse(IsoBuildException.Tool.NIX) == IsoBuildException.Tool.DOCKER
                    ? "check the Docker installation (docker version)"
                    : "check that it is an executable Nix installation (nix --version)";
            case DOCKER_NOT_ANSWERING -> error.logShows() == IsoBuildException.LogShows.NOTHING_KNOWN
                    ? "start the Docker daemon (systemctl start docker) and check that this user may use it"
                    : logShows(error.logShows());
            case BUILD_TIMED_OUT -> "a first build downloads and compiles a lot; if the log was still moving, raise "
                    + "build.timeout (e.g. 4h), and run with --verbose to watch it";
            case BUILD_FAILED -> error.rerun().map(command -> (error.logShows() == IsoBuildException.LogShows
                    .NOTHING_KNOWN ? "fix what nix reports in the last lines" : logShows(error.logShows()))
                    + "; '" + command + "' on the host reruns it")
                    .orElseGet(() -> logShows(error.logShows()));
            case NO_OUTPUT_PATH -> "nixpve needs Nix 2.8 or later (nix --version) for --print-out-paths";
            case OUTPUT_UNREADABLE -> "the flake's installer output must be a NixOS isoImage; check "
                    + "nix-templates/flake.nix";
            case NOT_ONE_ISO -> "the flake's installer output must be a NixOS isoImage without "
                    + "isoImage.compressImage";
            case COPY_FAILED -> "check free space and permissions in "
                    + error.directory().map(String::valueOf).orElse("the output directory");
            case UNMOUNTABLE_PATH -> "choose an output directory with a plain path (--out)";
            case TREE_UNREADABLE -> "render the tree again (nixpve render)";
            case BAD_IMAGE_NAME -> "use lower-case letters, digits and '-' for image.name";
            case NO_LOCK_FILE -> "check that the build tree is writable";
            case NIX_NOT_ON_HOST -> "install Nix there, and on a non-NixOS host make sure 'ssh HOST nix --version' "
                    + "works (e.g. add /nix/var/nix/profiles/default/bin to PATH in ~/.bashrc above its "
                    + "interactive-only check), or use build.builder: local or docker";
            case HOST_COMMAND_FAILED -> "check free disk space on the build host and that tar, gzip and sha256sum "
                    + "are installed there";
            case DOWNLOAD_CORRUPTED -> "run the build again";
            case OTHER -> "";
        };
    }

    /** The remedy for what a failed command's log shows. */
    static String logShows(IsoBuildException.LogShows shows) {
        return switch (shows) {
            case DISK_FULL -> "the disk is full; free space, e.g. nix-collect-garbage -d removes unused store paths";
            case NIX_TOO_OLD -> "this Nix is too old: nixpve needs Nix 2.8 or later (nix --version); upgrade it or "
                    + "set build.builder: docker";
            case DOCKER_DAEMON_DOWN -> "the Docker daemon is not running or not reachable; start it "
                    + "(systemctl start docker)";
            case DOCKER_NOT_PERMITTED -> "this user may not use Docker; add it to the docker group and log in again";
            case NIX_DAEMON_DOWN -> "the Nix daemon is not reachable; start it (systemctl start nix-daemon)";
            case NOTHING_KNOWN -> "the log lines say why; run again with --verbose to see the whole build log";
        };
    }
}
