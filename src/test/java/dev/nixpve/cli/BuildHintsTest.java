package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nixpve.nix.IsoBuildException;
import dev.nixpve.nix.IsoBuildException.LogShows;
import dev.nixpve.nix.IsoBuildException.Reason;
import dev.nixpve.nix.RenderException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nix package says what failed; the paragraphs read as they did when it also said what to do. */
class BuildHintsTest {

    @Test
    void aFailedBuildGetsTheRemedyForWhatItsLogShows() {
        IsoBuildException failed = IsoBuildException.logged(Reason.BUILD_FAILED, "nix build failed with exit code 1 "
                + "after 3s; last lines: error: writing to file: No space left on device", List.of(), LogShows.DISK_FULL);
        assertEquals("nix build failed with exit code 1 after 3s; last lines: error: writing to file: No space left on "
                + "device. Hint: the disk is full; free space, e.g. nix-collect-garbage -d removes unused store "
                + "paths.", ErrorReporter.describe(failed));
        assertEquals("the log lines say why; run again with --verbose to see the whole build log",
                BuildHints.remedy(IsoBuildException.logged(Reason.BUILD_FAILED, "x", List.of(), LogShows.NOTHING_KNOWN)));
    }

    @Test
    void aFailedBuildOnAHostSaysHowToRerunItThere() {
        IsoBuildException failed = IsoBuildException.remote("nix build on ssh://nix@b:22 failed with exit code 1 (the "
                + "tree stays in nixpve-build/t on the host); last lines: error: x", List.of("error: x"),
                LogShows.NOTHING_KNOWN, "cd nixpve-build/t && nix build");
        assertEquals("nix build on ssh://nix@b:22 failed with exit code 1 (the tree stays in nixpve-build/t on the "
                + "host); last lines: error: x. Hint: fix what nix reports in the last lines; 'cd nixpve-build/t && "
                + "nix build' on the host reruns it.", ErrorReporter.describe(failed));
        assertEquals("the disk is full; free space, e.g. nix-collect-garbage -d removes unused store paths; 'c' on the "
                + "host reruns it", BuildHints.remedy(IsoBuildException.remote("m", List.of(), LogShows.DISK_FULL,
                        "c")));
    }

    @Test
    void aDaemonThatDoesNotAnswerIsToldToStartUnlessTheLogSaysMore() {
        assertEquals("start the Docker daemon (systemctl start docker) and check that this user may use it",
                BuildHints.remedy(IsoBuildException.logged(Reason.DOCKER_NOT_ANSWERING, "x", List.of(),
                        LogShows.NOTHING_KNOWN)));
        assertEquals("this user may not use Docker; add it to the docker group and log in again",
                BuildHints.remedy(IsoBuildException.logged(Reason.DOCKER_NOT_ANSWERING, "x", List.of(),
                        LogShows.DOCKER_NOT_PERMITTED)));
    }

    @Test
    void theRemediesNameTheToolAndTheDirectory() {
        IOException cause = new IOException("No space left on device");
        assertEquals("cannot copy the ISO from /nix/store/x.iso to /srv/out/a.iso: " + cause + ". Hint: check free "
                + "space and permissions in /srv/out.", ErrorReporter.describe(IsoBuildException.copyFailed(
                        Path.of("/srv/out"), "cannot copy the ISO from /nix/store/x.iso to /srv/out/a.iso: " + cause,
                        List.of(), cause)));
        assertEquals("check the Docker installation (docker version)", BuildHints.remedy(
                IsoBuildException.wouldNotStart(IsoBuildException.Tool.DOCKER, "cannot start docker", cause)));
        assertEquals("check that it is an executable Nix installation (nix --version)", BuildHints.remedy(
                IsoBuildException.wouldNotStart(IsoBuildException.Tool.NIX, "cannot start nix", cause)));
        assertEquals("nix is not installed here (no 'nix' on PATH). Hint: install Nix (https://nixos.org/download), or "
                + "build elsewhere with build.builder: docker or build.builder: ssh://HOST (--builder).",
                ErrorReporter.describe(new IsoBuildException(Reason.NIX_NOT_INSTALLED,
                        "nix is not installed here (no 'nix' on PATH)", List.of())));
    }

    @Test
    void everyReasonButOtherHasARemedyAndOtherGetsNoSecondOne() {
        for (Reason reason : EnumSet.complementOf(EnumSet.of(Reason.OTHER))) {
            assertFalse(BuildHints.remedy(new IsoBuildException(reason, "x", List.of())).isBlank(), reason.name());
        }
        assertEquals("nix build on ssh://b failed; fix what nix reports", ErrorReporter.describe(
                new IsoBuildException(Reason.OTHER, "nix build on ssh://b failed; fix what nix reports", List.of())));
    }

    @Test
    void aRenderRefusalEndsInItsHint() {
        assertEquals("image.nixpkgs: 'nixos-unstable' is not a NixOS release branch. Hint: name a stable release "
                + "branch such as nixos-25.11.", ErrorReporter.describe(RenderException.refused(
                        RenderException.Reason.BAD_NIXPKGS_BRANCH,
                        "image.nixpkgs: 'nixos-unstable' is not a NixOS release branch")));
        assertEquals("cannot write the build tree /t: java.io.IOException. Hint: check that the directory is writable "
                + "and the disk not full.", ErrorReporter.describe(RenderException.failed(
                        RenderException.Reason.TREE_UNWRITABLE, "cannot write the build tree /t: java.io.IOException",
                        new IOException())));
    }
}
