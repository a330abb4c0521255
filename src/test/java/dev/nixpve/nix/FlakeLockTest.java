package dev.nixpve.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlakeLockTest {

    static final String REV = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path dir;

    @Test
    void readsTheRevisionOfTheRootsNixpkgsInput() throws Exception {
        Files.writeString(dir.resolve("flake.lock"), TemplateRendererTest.lock(REV));
        assertEquals(Optional.of(REV), FlakeLock.nixpkgsRevision(dir));
    }

    @Test
    void followsTheRootInputToARenamedNode() throws Exception {
        Files.writeString(dir.resolve("flake.lock"), """
                {"nodes": {"nixpkgs": {"locked": {"rev": "1111111111111111111111111111111111111111"}},
                           "nixpkgs_2": {"locked": {"rev": "%s"}},
                           "root": {"inputs": {"nixpkgs": "nixpkgs_2"}}},
                 "root": "root", "version": 7}
                """.formatted(REV));
        assertEquals(Optional.of(REV), FlakeLock.nixpkgsRevision(dir));
    }

    @Test
    void noLockABrokenLockOrNoRevisionIsUnknown() throws Exception {
        assertEquals(Optional.empty(), FlakeLock.nixpkgsRevision(dir));
        Files.writeString(dir.resolve("flake.lock"), "{ not json");
        assertEquals(Optional.empty(), FlakeLock.nixpkgsRevision(dir));
        Files.writeString(dir.resolve("flake.lock"), "{\"nodes\": {\"nixpkgs\": {\"locked\": {\"rev\": \"$(x)\"}}}}");
        assertEquals(Optional.empty(), FlakeLock.nixpkgsRevision(dir));
    }
}
